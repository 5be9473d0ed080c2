using System;
using System.Collections.Generic;
using System.Device.Gpio;
using System.Device.I2c;
using System.IO;
using Edge.Host.Gateway;

namespace Edge.Tests.Gateway
{
    /// <summary>A gateway's hardware simulated at the .NET IoT level: a GPIO driver, serial devices in memory, I2C
    /// chips as register maps, and the files of a node's setup in a temporary directory.</summary>
    internal sealed class GatewayRig : IDisposable
    {
        public SimulatedGpioDriver Gpio { get; } = new();

        public MemorySerialPorts Serial { get; } = new();

        public Dictionary<int, RegisterMapI2cDevice> Chips { get; } = new();

        public string Directory { get; } = Path.Combine(Path.GetTempPath(), "edge-gateway-" + Guid.NewGuid().ToString("N")[..8]);

        public GatewayRig() => System.IO.Directory.CreateDirectory(Directory);

        public GatewayHardware Hardware(IReadOnlyDictionary<int, string>? serialDevices = null) =>
            new(() => new GpioController(Gpio), Serial, OpenI2c, serialDevices ?? GatewayHardware.DefaultSerialDevices, "/dev/gpiochip0");

        /// <summary>A Linky node (TIC on the meter port, an S0 meter on s0-1: GPIO32 of the board) publishing a
        /// report each second to the broker at <paramref name="port"/>; returns the config's path.</summary>
        public string WriteLinkyConfig(int port)
        {
            string config = Path.Combine(Directory, "config.json");
            File.WriteAllText(config, $$"""
                {
                  "schemaVersion": 1,
                  "nodeId": "gw-0001",
                  "board": "esp32-devkitc",
                  "topicPrefix": "edge",
                  "profile": "single",
                  "format": "edge-json",
                  "network": { "kind": "wifi", "ssid": "site", "address": null, "ntp": ["pool.ntp.org"] },
                  "broker": { "uri": "mqtt://127.0.0.1:{{port}}", "clientId": null, "username": null, "ca": null, "clientCertificate": null, "keepAliveSeconds": 60 },
                  "meters": [
                    { "id": "main", "kind": "tic", "port": "tic", "ticMode": "historique" },
                    { "id": "pv", "kind": "s0", "port": "s0-1", "pulsesPerKwh": 1000, "initialEnergyWh": 0 }
                  ],
                  "node": { "windowSeconds": 1, "healthSeconds": 7200, "heartbeatSeconds": 900, "meterSilenceSeconds": 30 }
                }
                """);
            File.WriteAllText(Path.Combine(Directory, "secrets.json"), """{ "schemaVersion": 1, "wifiPassword": "correct horse battery staple" }""");
            return config;
        }

        public void Dispose()
        {
            try
            {
                System.IO.Directory.Delete(Directory, true);
            }
            catch (IOException)
            {
                // A file still held by a closing client: the temporary folder is cleaned by the system.
            }
        }

        private I2cDevice OpenI2c(I2cConnectionSettings settings)
        {
            if (!Chips.TryGetValue(settings.DeviceAddress, out RegisterMapI2cDevice? chip))
            {
                throw new IOException($"Error 2 initializing the I2C bus {settings.BusId}");
            }

            return chip;
        }
    }
}
