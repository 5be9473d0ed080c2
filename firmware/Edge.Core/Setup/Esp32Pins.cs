#nullable disable
namespace Edge.Core.Setup
{
    /// <summary>
    /// What the ESP32 chip itself allows on each GPIO (hardware/README.md, "ESP32 facts that constrain every
    /// interface"), whatever the board.
    /// </summary>
    public static class Esp32Pins
    {
        /// <summary>Highest GPIO number of the chip.</summary>
        public const int MaxGpio = 39;

        /// <summary>True for a GPIO the chip has: GPIO0-19, 21-23, 25-27 and 32-39; there are no GPIO20, 24 and
        /// 28-31 (ESP32 Series Datasheet, "Pin Description" table).</summary>
        public static bool Exists(int gpio)
        {
            return gpio >= 0 && gpio <= MaxGpio && gpio != 20 && gpio != 24 && (gpio < 28 || gpio > 31);
        }

        /// <summary>True for GPIO6-11, wired to the module's SPI flash (ESP32-WROOM-32 Datasheet, "Pin Definitions").</summary>
        public static bool IsFlash(int gpio)
        {
            return gpio >= 6 && gpio <= 11;
        }

        /// <summary>True for GPIO1 and GPIO3, UART0 (nanoFramework's COM1): the debugger and nanoff deployment.</summary>
        public static bool IsCom1(int gpio)
        {
            return gpio == 1 || gpio == 3;
        }

        /// <summary>True for the strapping pins GPIO0, 2, 5, 12 and 15, sampled at reset to choose the boot mode, the
        /// flash voltage and the SDIO timing (ESP32 Series Datasheet, "Strapping Pins" section): a circuit on them can
        /// keep the chip from booting.</summary>
        public static bool IsStrapping(int gpio)
        {
            return gpio == 0 || gpio == 2 || gpio == 5 || gpio == 12 || gpio == 15;
        }

        /// <summary>True for GPIO34-39, input-only and without internal pull-up or pull-down (ESP32 Series Datasheet,
        /// "Pin Description"; ESP32 Technical Reference Manual, IO_MUX chapter).</summary>
        public static bool IsInputOnly(int gpio)
        {
            return gpio >= 34 && gpio <= MaxGpio;
        }
    }
}
