#nullable disable
using System;
using nanoFramework.TestFramework;

// Test classes written as device tests are, for the adapter's own tests: they are not device tests (the device
// catalog takes the namespaces of tests/Edge.DeviceTests only) and run only when AdapterTests asks.
namespace AdapterFixtures
{
    /// <summary>Records the order in which the launcher semantics call its methods.</summary>
    [TestClass]
    public class Ordered
    {
        public static string Log = string.Empty;

        [Cleanup]
        public void Last()
        {
            Log += "cleanup;";
        }

        [TestMethod]
        [DataRow(1, "one")]
        [DataRow(2, "two")]
        public void Rows(int n, string name)
        {
            Log += "row " + n.ToString() + " " + name + ";";
        }

        [TestMethod]
        public void Plain()
        {
            Log += "plain;";
        }

        [Setup]
        public void First()
        {
            Log += "setup;";
        }

        public void NotATest()
        {
            Log += "never;";
        }
    }

    /// <summary>A class whose [Setup] finds no harness and skips.</summary>
    [TestClass]
    public class NoHarness
    {
        public static int Runs;

        [Setup]
        public void Look_for_the_harness()
        {
            Assert.SkipTest("no loopback harness on COM2");
        }

        [TestMethod]
        public void Needs_the_harness()
        {
            Runs++;
        }
    }

    /// <summary>Failures of every kind, a skip, and a pass.</summary>
    [TestClass]
    public class Outcomes
    {
        [TestMethod]
        public void Unequal()
        {
            Assert.AreEqual(230L, 231L, "voltage");
        }

        [TestMethod]
        public void Throws()
        {
            throw new InvalidOperationException("boom");
        }

        [TestMethod]
        public void Wrong_exception()
        {
            Assert.ThrowsException(typeof(ArgumentException), () => { throw new ArgumentNullException("x"); });
        }

        [TestMethod]
        public void Skips()
        {
            Assert.SkipTest("needs a board");
        }

        [TestMethod]
        public void Passes()
        {
            Assert.ThrowsException(typeof(InvalidOperationException), () => { throw new InvalidOperationException(); });
            OutputHelper.WriteLine("said something");
        }
    }

    /// <summary>Keeps state in an instance field, which has no instance on the device.</summary>
    [TestClass]
    public class InstanceState
    {
        private int _count;

        [TestMethod]
        public void Counts()
        {
            _count++;
        }
    }
}
