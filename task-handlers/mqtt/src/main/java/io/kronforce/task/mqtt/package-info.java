/**
 * The {@code mqtt} (publish) and {@code mqtt_subscribe} task types over MQTT 3.1.1 with Eclipse
 * Paho; every connection passes the host's {@link io.kronforce.task.EgressPolicy} first.
 */
package io.kronforce.task.mqtt;
