package io.ckafkamigrator.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The instructions of deploy/Dockerfile that the manifests depend on: the user, the ports, the
 * working folder, what is copied where and the entrypoint.
 *
 * @param user       USER, as {@code uid:gid}
 * @param exposed    the ports of EXPOSE
 * @param workdir    WORKDIR
 * @param copies     each COPY: the source in the build context to the target in the image
 * @param entrypoint ENTRYPOINT in its exec form
 */
record Dockerfile(String user, List<Integer> exposed, String workdir, Map<String, String> copies,
        List<String> entrypoint) {

    static final Path FILE = Path.of("deploy", "Dockerfile");

    static Dockerfile read() {
        String user = null;
        String workdir = "/";
        List<Integer> exposed = new ArrayList<>();
        Map<String, String> copies = new LinkedHashMap<>();
        List<String> entrypoint = List.of();
        for (String line : Manifests.read(FILE).replace("\\\n", " ").split("\n")) {
            String[] words = line.trim().split("\\s+", 2);
            String args = words.length > 1 ? words[1].trim() : "";
            switch (words[0]) {
                case "USER" -> user = args;
                case "WORKDIR" -> workdir = Path.of(workdir).resolve(args).toString();
                case "EXPOSE" -> Arrays.stream(args.split("\\s+")).map(Integer::valueOf).forEach(exposed::add);
                case "COPY" -> {
                    String[] paths = args.split("\\s+");
                    copies.put(paths[0], Path.of(workdir).resolve(paths[1]).toString());
                }
                case "ENTRYPOINT" -> entrypoint = execForm(args);
                default -> { }
            }
        }
        return new Dockerfile(user, exposed, workdir, copies, entrypoint);
    }

    int uid() {
        return Integer.parseInt(user.split(":")[0]);
    }

    int gid() {
        return Integer.parseInt(user.split(":")[1]);
    }

    private static List<String> execForm(String args) {
        if (!args.startsWith("[")) {
            throw new AssertionError("ENTRYPOINT is not in exec form (a shell would not pass SIGTERM on): " + args);
        }
        // A JSON array, which YAML reads as a flow sequence.
        return new YamlNode(new Load(LoadSettings.builder().build()).loadFromString(args), "ENTRYPOINT").items()
                .stream().map(YamlNode::text).toList();
    }
}
