package io.ckafkamigrator.core;

import java.util.List;

/**
 * A consumer group at one moment, from one look at it.
 *
 * @param members its active members
 */
public record GroupMembers(List<Member> members) {

    /**
     * One member as the broker reports it: the client id it set, the host it connects from and
     * the member id the broker gave it (empty when unknown).
     */
    public record Member(String clientId, String host, String memberId) {

        public Member(String clientId, String host) {
            this(clientId, host, "");
        }

        @Override
        public String toString() {
            return "clientId=" + clientId + " host=" + host + (memberId.isEmpty() ? "" : " memberId=" + memberId);
        }
    }

    public GroupMembers {
        members = List.copyOf(members);
    }

    /** The members that are not a consumer of this app's instance. */
    public List<Member> foreign(ConsumerIdentity ours) {
        return members.stream().filter(m -> !ours.isOurs(m.clientId())).toList();
    }
}
