#nullable disable
namespace Edge.Drivers.Modbus
{
    /// <summary>
    /// The function codes the master sends and the exception codes a slave answers with (MODBUS Application Protocol
    /// Specification V1.1b3, §5.1, §6 and §7).
    /// </summary>
    public static class ModbusFunction
    {
        /// <summary>Read Holding Registers (§6.3): configuration and, on some meters, measurements.</summary>
        public const int ReadHoldingRegisters = 0x03;

        /// <summary>Read Input Registers (§6.4): the measurements of Eastron meters.</summary>
        public const int ReadInputRegisters = 0x04;

        /// <summary>Write Single Register (§6.6): the reply echoes the request.</summary>
        public const int WriteSingleRegister = 0x06;

        /// <summary>Write Multiple Registers (§6.12): the reply echoes address and quantity.</summary>
        public const int WriteMultipleRegisters = 0x10;

        /// <summary>A slave sets this bit of the function code in an exception reply (§7).</summary>
        public const int ExceptionFlag = 0x80;

        /// <summary>Most registers one read may ask for (§6.3, §6.4: 1 to 125, 0x7D).</summary>
        public const int MaxReadRegisters = 125;

        /// <summary>Most registers one write may carry (§6.12: 1 to 123, 0x7B).</summary>
        public const int MaxWriteRegisters = 123;

        /// <summary>Exception 01, Illegal Function: the slave does not know the function (§7).</summary>
        public const int IllegalFunction = 0x01;

        /// <summary>Exception 02, Illegal Data Address: a register of the request does not exist on the slave (§7).</summary>
        public const int IllegalDataAddress = 0x02;

        /// <summary>Exception 03, Illegal Data Value (§7).</summary>
        public const int IllegalDataValue = 0x03;

        /// <summary>Exception 05, Acknowledge: accepted, still working; asking again later is right (§7).</summary>
        public const int Acknowledge = 0x05;

        /// <summary>Exception 06, Server Device Busy: asking again later is right (§7).</summary>
        public const int ServerDeviceBusy = 0x06;

        /// <summary>Lowest individual slave address; 0 is broadcast (MODBUS over Serial Line V1.02, §2.2).</summary>
        public const int FirstSlave = 1;

        /// <summary>Highest individual slave address; 248 to 255 are reserved (Serial Line V1.02, §2.2).</summary>
        public const int LastSlave = 247;

        /// <summary>True for the exception codes after which the same request may succeed (§7: 05 and 06).</summary>
        public static bool IsTransient(int exceptionCode)
        {
            return exceptionCode == Acknowledge || exceptionCode == ServerDeviceBusy;
        }
    }
}
