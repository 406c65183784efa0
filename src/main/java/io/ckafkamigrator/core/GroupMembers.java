package io.ckafkamigrator.core;

import java.util.List;

/**
 * A consumer group at one moment, from one look at it.
 *
 * @param members its active members
 */
public record GroupMembers(List<Member> members) {

    /** One member as the broker reports it: the client id it set and the host it connects from. */
    public record Member(String clientId, String host) {

        @Override
        public String toString() {
            return "clientId=" + clientId + " host=" + host;
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
