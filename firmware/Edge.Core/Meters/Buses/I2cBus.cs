#nullable disable
using System;
using System.Collections;
using Edge.Core.Commissioning;
using Edge.Core.Platform;

namespace Edge.Core.Meters.Buses
{
    /// <summary>
    /// An I2C bus shared by several chips. The platform gives one thin <see cref="IRegisterBus"/> per address
    /// (nanoFramework: an I2cDevice per I2cConnectionSettings); the bus refuses two chips at one address or at a
    /// reserved address, and hands each chip driver a channel that counts its failed transfers, so a chip that
    /// stops acknowledging shows in health instead of just reading nothing. Chip drivers are written against
    /// <see cref="IRegisterBus"/> alone.
    /// </summary>
    public sealed class I2cBus : ICounterSource
    {
        /// <summary>7-bit addresses 0x00-0x07 and 0x78-0x7F are reserved (I2C-bus specification UM10204, §3.1.12).</summary>
        public const int FirstAddress = 0x08;

        /// <summary>Highest non-reserved 7-bit address (UM10204, §3.1.12).</summary>
        public const int LastAddress = 0x77;

        private readonly ArrayList _channels = new ArrayList();

        /// <summary>Transfers made by all chips on the bus, failed ones included.</summary>
        public long Transfers { get; private set; }

        /// <summary>Transfers a chip did not acknowledge in full.</summary>
        public long Failures { get; private set; }

        /// <summary>The bus's own self-test (a scan of its addresses), which the first chip's self-test runs after its
        /// own line; null for none. Set by the node's start-up, which knows how to open a device at any address.</summary>
        public ISelfTest Check { get; set; }

        /// <summary>Chips attached.</summary>
        public int ChannelCount
        {
            get { return _channels.Count; }
        }

        /// <summary>The chip attached <paramref name="index"/>-th (0 first).</summary>
        public I2cChannel ChannelAt(int index)
        {
            return (I2cChannel)_channels[index];
        }

        /// <summary>Two counters: transfers and failures.</summary>
        public int CounterCount
        {
            get { return 2; }
        }

        /// <summary>"transfers" for index 0, "failures" otherwise.</summary>
        public string CounterName(int index)
        {
            return index == 0 ? "transfers" : "failures";
        }

        /// <summary><see cref="Transfers"/> for index 0, <see cref="Failures"/> otherwise.</summary>
        public long CounterValue(int index)
        {
            return index == 0 ? Transfers : Failures;
        }

        /// <summary>Takes the platform's device at <paramref name="address"/>; returns the channel a chip driver uses.</summary>
        public I2cChannel Attach(int address, IRegisterBus device)
        {
            if (address < FirstAddress || address > LastAddress)
            {
                throw new ArgumentOutOfRangeException("address", "7-bit I2C addresses go from 0x08 to 0x77");
            }

            if (device == null)
            {
                throw new ArgumentNullException("device");
            }

            if (Channel(address) != null)
            {
                throw new ArgumentException("two chips at address " + address.ToString() + " on one bus", "address");
            }

            I2cChannel channel = new I2cChannel(this, address, device);
            _channels.Add(channel);
            return channel;
        }

        /// <summary>The channel at that address, or null.</summary>
        public I2cChannel Channel(int address)
        {
            for (int i = 0; i < _channels.Count; i++)
            {
                I2cChannel channel = (I2cChannel)_channels[i];
                if (channel.Address == address)
                {
                    return channel;
                }
            }

            return null;
        }

        internal bool Count(bool ok)
        {
            Transfers++;
            if (!ok)
            {
                Failures++;
            }

            return ok;
        }
    }
}
