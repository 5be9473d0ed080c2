#nullable disable
namespace Edge.Core.Setup
{
    /// <summary>
    /// What a node needs to know of its board, from its profile (hardware/boards/&lt;name&gt;.json, on the device
    /// <c>I:\edge\board.json</c>): the firmware target, how it reaches the network, the GPIOs it brings out, the
    /// default pin of each interface and the pins the board itself uses. The descriptive fields of the profile
    /// (name, module, notes, UART uses) are not kept.
    /// </summary>
    public sealed class BoardProfile
    {
        /// <summary>Profile name, e.g. "esp32-devkitc": the file name without ".json".</summary>
        public string Name;

        /// <summary>nanoFramework firmware target flashed on the board, e.g. "ESP32_PSRAM_REV0".</summary>
        public string NanoFrameworkTarget;

        /// <summary><see cref="NetworkSettings.WifiKind"/> or <see cref="NetworkSettings.EthernetKind"/>.</summary>
        public string Network;

        /// <summary>Every GPIO the board brings out on headers or pads for the user, or null when the profile does not
        /// list them (then only the chip's own GPIO set limits the choice).</summary>
        public int[] Gpio;

        /// <summary>The default pin of each interface.</summary>
        public PinMap Pins = new PinMap();

        /// <summary>The GPIOs of the board's Ethernet PHY (MDC, MDIO, RMII clock and data, PHY power); empty without one.</summary>
        public int[] EthernetPins = new int[0];

        /// <summary>The pins the board uses itself or that must be avoided, each group with why; never null.</summary>
        public BoardReservation[] Reserved = new BoardReservation[0];

        /// <summary>Why the board reserves <paramref name="gpio"/>, or null when it does not.</summary>
        public string ReservedUse(int gpio)
        {
            for (int i = 0; i < Reserved.Length; i++)
            {
                if (PinMapReader.IndexOf(Reserved[i].Gpio, Reserved[i].Gpio.Length, gpio) >= 0)
                {
                    return Reserved[i].Use;
                }
            }

            return null;
        }

        /// <summary>True when <paramref name="gpio"/> belongs to the board's Ethernet PHY.</summary>
        public bool IsEthernetPin(int gpio)
        {
            return PinMapReader.IndexOf(EthernetPins, EthernetPins.Length, gpio) >= 0;
        }
    }

    /// <summary>A group of pins a board profile reserves (its <c>reserved</c> array), and why.</summary>
    public sealed class BoardReservation
    {
        /// <summary>The reserved GPIOs; never null.</summary>
        public int[] Gpio = new int[0];

        /// <summary>What they are used for, e.g. "SPI flash of the module".</summary>
        public string Use;
    }
}
