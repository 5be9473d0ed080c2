// A portable sample the gate must accept: the constructs the nanoFramework 1.x runtime executes.
using System;

namespace Edge.Samples.Good
{
    public enum Quality
    {
        Good,
        Suspect,
        Invalid,
    }

    public interface IReadingSink
    {
        void Accept(Reading reading);
    }

    public delegate void ReadingHandler(object sender, Reading reading);

    public struct Reading
    {
        public readonly int Quantity;
        public readonly long Value;
        public readonly Quality Quality;

        public Reading(int quantity, long value, Quality quality)
        {
            Quantity = quantity;
            Value = value;
            Quality = quality;
        }
    }

    public class ReadingEventArgs : EventArgs
    {
        public ReadingEventArgs(Reading reading)
        {
            Reading = reading;
        }

        public Reading Reading { get; private set; }
    }

    public abstract class Driver
    {
        public abstract string Name { get; }

        public virtual int Poll(byte[] buffer, int offset)
        {
            return 0;
        }
    }
}
