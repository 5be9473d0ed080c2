using System;
using System.IO;
using System.Security.Cryptography.X509Certificates;
using Edge.Core.Setup;
using Edge.Host.Cli;
using Edge.Host.Platform;

namespace Edge.Host.Gateway
{
    /// <summary>
    /// The broker connection of `edge run`: the node config's broker (uri, username, ca, clientCertificate) and
    /// secrets (mqttPassword, clientKey), each replaced by the command line's when given there. The config's file
    /// paths are the node's (I:\edge\ca.pem as edge provision writes them): on a gateway the file of that name is
    /// looked for beside config.json, where the provisioning folder has it; a path of this machine is taken as it is.
    /// </summary>
    public static class GatewayBroker
    {
        /// <summary>The connection, or false with <paramref name="problem"/> (one line naming the field or option and the file).</summary>
        public static bool TryResolve(NodeSetup setup, BrokerConnectionChoice commandLine, string setupDirectory, out BrokerConnection? connection, out string problem)
        {
            connection = null;
            BrokerSettings broker = setup.Broker;
            BrokerAddress address = commandLine.Address ?? new BrokerAddress(broker.Host, broker.Port, broker.Tls);
            if (!address.Tls)
            {
                string? tlsOnly = commandLine.TrustAnchors is not null ? "--ca" : commandLine.ClientCertificate is not null ? "--cert" : commandLine.SkipVerify ? "--insecure-skip-verify" : null;
                if (tlsOnly is not null)
                {
                    problem = $"{tlsOnly} is for a TLS broker, and the broker {address} is plain MQTT";
                    return false;
                }
            }

            X509Certificate2Collection? anchors = commandLine.TrustAnchors;
            if (address.Tls && anchors is null && !commandLine.SkipVerify && broker.CaFile is not null)
            {
                string ca = LocalPath(broker.CaFile, setupDirectory);
                if (!BrokerFiles.TryReadCa(ca, out X509Certificate2Collection read, out string caProblem))
                {
                    problem = $"{SetupFiles.Config} $.broker.ca: {caProblem}";
                    return false;
                }

                anchors = read;
            }

            X509Certificate2? certificate = commandLine.ClientCertificate;
            if (address.Tls && certificate is null && broker.ClientCertificateFile is not null)
            {
                string? keyFile = broker.ClientKeyFile is null ? null : LocalPath(broker.ClientKeyFile, setupDirectory);
                if (!BrokerFiles.TryReadClientCertificate(LocalPath(broker.ClientCertificateFile, setupDirectory), keyFile, broker.ClientKeyPem, out certificate, out string certificateProblem))
                {
                    problem = $"{SetupFiles.Config} $.broker.clientCertificate: {certificateProblem}";
                    return false;
                }
            }

            // A user name given on the command line comes with its own password (or none), never the config's.
            bool ownCredentials = commandLine.Username is not null;
            connection = new BrokerConnection(address)
            {
                Username = ownCredentials ? commandLine.Username : setup.Node.MqttUserName,
                Password = ownCredentials ? commandLine.Password : setup.Node.MqttPassword,
                TrustAnchors = anchors,
                ClientCertificate = certificate,
                SkipVerify = commandLine.SkipVerify,
            };
            problem = string.Empty;
            return true;
        }

        /// <summary>Where the node's file <paramref name="nodePath"/> is on this machine: the path itself when it is
        /// one of this machine that exists, else the file of its name in <paramref name="setupDirectory"/>.</summary>
        public static string LocalPath(string nodePath, string setupDirectory)
        {
            if (Path.IsPathFullyQualified(nodePath) && File.Exists(nodePath))
            {
                return nodePath;
            }

            // A node's path (I:\edge\ca.pem) read on Linux is one name with backslashes in it: its last part is the file.
            int separator = nodePath.LastIndexOfAny(['\\', '/']);
            string name = separator < 0 ? nodePath : nodePath[(separator + 1)..];
            bool nodeDrive = nodePath.Length > 2 && nodePath[1] == ':' && char.IsAsciiLetter(nodePath[0]);
            return nodeDrive || Path.IsPathFullyQualified(nodePath) ? Path.Combine(setupDirectory, name) : Path.Combine(setupDirectory, nodePath);
        }
    }
}
