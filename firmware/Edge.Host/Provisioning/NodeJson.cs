using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using Edge.Core.Meters;
using Edge.Core.Setup;
using Edge.Drivers;

namespace Edge.Host.Provisioning
{
    /// <summary>What a node is provisioned with, checked, ready to be written as its files.</summary>
    public sealed record NodeContent(
        string NodeId,
        BoardProfile Board,
        string TopicPrefix,
        string Profile,
        string Format,
        MeterSpec[] Meters,
        string? WifiSsid,
        Uri Broker,
        string? Username,
        bool HasCa,
        bool HasClientCertificate);

    /// <summary>
    /// The JSON files of a node's provisioning folder: config.json (read by the device from I:\edge\config.json),
    /// secrets.json (kept apart so that config.json can be shown and shared), and deploy.json, the file list
    /// `nanoff --filedeployment` takes.
    /// </summary>
    public static class NodeJson
    {
        /// <summary>The version of config.json's and secrets.json's layout; a reader refuses one it does not know.</summary>
        public const int SchemaVersion = 1;

        /// <summary>The time servers a node asks first; the pool's DNS name spreads them (ntppool.org, "use the pool").</summary>
        public const string DefaultNtpServer = "pool.ntp.org";

        // Relaxed escaping keeps "I:\\edge\\ca.pem" and non-ASCII names readable; quotes, backslashes and control
        // characters are still escaped (RFC 8259 section 7), which is all a JSON reader needs.
        private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        public static byte[] Config(NodeContent node)
        {
            return Write(w =>
            {
                w.WriteNumber("schemaVersion", SchemaVersion);
                w.WriteString("nodeId", node.NodeId);
                w.WriteString("board", node.Board.Name);
                w.WriteString("topicPrefix", node.TopicPrefix);
                w.WriteString("profile", node.Profile);
                w.WriteString("format", node.Format);

                w.WriteStartObject("network");
                w.WriteString("kind", node.Board.Network);
                if (node.Board.Network == NetworkSettings.WifiKind)
                {
                    w.WriteString("ssid", node.WifiSsid);
                }

                w.WriteStartArray("ntp");
                w.WriteStringValue(DefaultNtpServer);
                w.WriteEndArray();
                w.WriteEndObject();

                w.WriteStartObject("broker");
                w.WriteString("uri", NodeProvisioning.BrokerText(node.Broker));
                if (node.Username is not null)
                {
                    w.WriteString("username", node.Username);
                }

                if (node.HasCa)
                {
                    w.WriteString("ca", NodeProvisioning.DeviceFolder + NodeProvisioning.CaFile);
                }

                if (node.HasClientCertificate)
                {
                    w.WriteString("clientCertificate", NodeProvisioning.DeviceFolder + NodeProvisioning.ClientCertificateFile);
                }

                w.WriteEndObject();

                w.WriteStartArray("meters");
                foreach (MeterSpec meter in node.Meters)
                {
                    w.WriteStartObject();
                    w.WriteString("id", meter.Id);
                    w.WriteString("kind", meter.Kind);
                    w.WriteString("port", meter.Port);
                    if (meter.Kind == MeterFactory.TicKind)
                    {
                        w.WriteString("ticMode", meter.TicMode);
                    }
                    else
                    {
                        w.WriteNumber("pulsesPerKwh", meter.PulsesPerKwh);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });
        }

        /// <summary>secrets.json: only the secrets that are set; the client key as its PEM text.</summary>
        public static byte[] Secrets(string? wifiPassword, string? mqttPassword, string? clientKey)
        {
            return Write(w =>
            {
                w.WriteNumber("schemaVersion", SchemaVersion);
                if (wifiPassword is not null)
                {
                    w.WriteString("wifiPassword", wifiPassword);
                }

                if (mqttPassword is not null)
                {
                    w.WriteString("mqttPassword", mqttPassword);
                }

                if (clientKey is not null)
                {
                    w.WriteString("clientKey", clientKey);
                }
            });
        }

        /// <summary>
        /// deploy.json for `nanoff --filedeployment`: "files", each with "DestinationFilePath" on the device and
        /// "SourceFilePath" (nanoff's FileDeploymentConfiguration and DeploymentFile). The sources are the bare file
        /// names, relative to the folder, so that it can be copied to the installer's laptop as a whole; there
        /// flash-scripts/provision-node.sh --node-dir gives nanoff a copy with the "serialport" (known only then)
        /// and every source as an absolute path, which nanoff opens as given.
        /// </summary>
        public static byte[] Deployment(IReadOnlyList<NodeFile> files)
        {
            return Write(w =>
            {
                w.WriteStartArray("files");
                foreach (NodeFile file in files)
                {
                    if (!file.Deployed)
                    {
                        continue;
                    }

                    w.WriteStartObject();
                    w.WriteString("DestinationFilePath", NodeProvisioning.DeviceFolder + file.Name);
                    w.WriteString("SourceFilePath", file.Name);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });
        }

        private static byte[] Write(Action<Utf8JsonWriter> members)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, Options))
            {
                writer.WriteStartObject();
                members(writer);
                writer.WriteEndObject();
            }

            stream.WriteByte((byte)'\n');
            return stream.ToArray();
        }
    }
}
