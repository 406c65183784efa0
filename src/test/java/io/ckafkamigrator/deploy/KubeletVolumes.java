package io.ckafkamigrator.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A container's volume mounts laid out under a folder as the kubelet lays them out, so that a
 * test finds the files where the app would. A ConfigMap or Secret volume is its keys (or items)
 * written into a timestamped folder, a {@code ..data} link to that folder and one link per top
 * entry ({@code templates -> ..data/templates} for an item path {@code templates/x.yaml}): the
 * kubelet's atomic writer. A volume mounted inside another one gets a real folder there (the
 * kubelet's nested mount points). Any other volume, an emptyDir or a claim, is an empty folder.
 */
final class KubeletVolumes {

    private static final String PAYLOAD = "..2026_01_01_00_00_00.000000001";

    private KubeletVolumes() {
    }

    /** Lays out every mount of {@code container} (of the pod {@code pod}) under {@code root}. */
    static void lay(Path root, YamlNode pod, YamlNode container, Map<String, Map<String, String>> configMaps,
            Map<String, Map<String, String>> secrets) throws IOException {
        var mounts = container.at("volumeMounts").items().stream()
                .sorted(Comparator.comparingInt(m -> m.at("mountPath").text().length())).toList();
        for (YamlNode mount : mounts) {
            if (mount.find("subPath").isPresent()) {
                throw new AssertionError("subPath mounts are not laid out: " + mount.path());
            }
            Path target = root.resolve(mount.at("mountPath").text().substring(1));
            Files.createDirectories(target);
            String name = mount.at("name").text();
            var volume = pod.at("volumes").items().stream()
                    .filter(v -> v.at("name").text().equals(name)).findFirst();
            if (volume.isEmpty()) {
                continue; // a volumeClaimTemplate's claim
            }
            var configMap = volume.get().find("configMap");
            var secret = volume.get().find("secret");
            if (configMap.isPresent()) {
                writeAtomically(target, configMap.get(), source(configMaps, configMap.get().at("name").text()));
            } else if (secret.isPresent()) {
                writeAtomically(target, secret.get(), source(secrets, secret.get().at("secretName").text()));
            }
        }
    }

    private static Map<String, String> source(Map<String, Map<String, String>> sources, String name) {
        Map<String, String> data = sources.get(name);
        if (data == null) {
            throw new AssertionError("the pod mounts '" + name + "', which is not made: " + sources.keySet());
        }
        return data;
    }

    private static void writeAtomically(Path target, YamlNode volume, Map<String, String> data) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        if (volume.find("items").isPresent()) {
            for (YamlNode item : volume.at("items").items()) {
                String key = item.at("key").text();
                if (!data.containsKey(key)) {
                    throw new AssertionError(volume.path() + " names key '" + key + "', not in " + data.keySet());
                }
                files.put(item.at("path").text(), data.get(key));
            }
        } else {
            files.putAll(data);
        }
        Path payload = target.resolve(PAYLOAD);
        for (var file : files.entrySet()) {
            Path path = payload.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        Files.createSymbolicLink(target.resolve("..data"), Path.of(PAYLOAD));
        for (String top : files.keySet().stream().map(f -> Path.of(f).getName(0).toString()).distinct().toList()) {
            Files.createSymbolicLink(target.resolve(top), Path.of("..data", top));
        }
    }
}
