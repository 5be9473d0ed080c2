// Declarations only (bodies throw): the part of nanoFramework.Hardware.Esp32 1.6.42 the firmware calls.
// Confirmed in nanoframework/nanoFramework.Hardware.Esp32: nanoFramework.Hardware.Esp32/Configuration.cs and the
// DeviceFunction enum beside it, DeviceTypePins.cs (DeviceTypes.SERIAL = 3 * 0x10000, plus port * 0x100, plus 0 TX,
// 1 RX, 2 RTS; DeviceTypes.I2C = 2 * 0x10000, plus bus * 0x100, plus 0 DATA, 1 CLOCK).
namespace nanoFramework.Hardware.Esp32
{
    public class Configuration
    {
        public static void SetPinFunction(int pin, DeviceFunction value)
        {
            throw new System.NotImplementedException();
        }
    }

    public enum DeviceFunction
    {
        I2C1_DATA = 0x20100,
        I2C1_CLOCK = 0x20101,
        COM2_TX = 0x30200,
        COM2_RX = 0x30201,
        COM2_RTS = 0x30202,
        COM3_TX = 0x30300,
        COM3_RX = 0x30301,
        COM3_RTS = 0x30302,
    }
}
