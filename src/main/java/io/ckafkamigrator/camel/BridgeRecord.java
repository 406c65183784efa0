package io.ckafkamigrator.camel;

import java.util.Map;

/**
 * One record of a bridge produce request, as it will be stored.
 *
 * @param key       the key's bytes, null for none
 * @param value     the value's bytes, never null
 * @param partition the partition asked for, null to let the producer choose (by key)
 * @param headers   record headers by name, in request order (names are unique, see {@link BridgeRecords})
 */
record BridgeRecord(byte[] key, byte[] value, Integer partition, Map<String, byte[]> headers) {

    /** Key, value and headers: what the record costs against the topic's size limit. */
    int bytes() {
        int size = value.length + (key == null ? 0 : key.length);
        for (Map.Entry<String, byte[]> header : headers.entrySet()) {
            size += header.getKey().length() + header.getValue().length;
        }
        return size;
    }
}
