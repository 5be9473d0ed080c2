#nullable disable
using Edge.Core.Platform;
using Edge.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace Edge.DeviceTests.Hil
{
    /// <summary>
    /// The node's store across a restart (hardware/test-harness.md): what was written is read back whole after the
    /// store is reopened from flash, and a deleted file stays deleted.
    /// </summary>
    [TestClass]
    public class StoreRebootTests
    {
        private const string File = "hil-store-test";

        /// <summary>Longer than one 256-byte flash page, so a write spans pages.</summary>
        private const int Length = 700;

        [TestMethod]
        public void Reads_after_a_reboot_what_was_written_before()
        {
            LoopbackHarness harness = LoopbackHarness.Require();
            byte[] written = Pattern();
            harness.Store.Write(File, written, 0, written.Length);

            IStore store = harness.RebootStore();

            Assert.IsTrue(store.Exists(File));
            Assert.AreEqual(Length, store.Length(File));
            byte[] read = new byte[Length];
            Assert.AreEqual(Length, store.Read(File, read, 0));
            for (int i = 0; i < Length; i++)
            {
                Assert.AreEqual(written[i], read[i], "byte " + i.ToString());
            }

            store.Delete(File);
        }

        [TestMethod]
        public void A_file_deleted_before_a_reboot_is_gone_after_it()
        {
            LoopbackHarness harness = LoopbackHarness.Require();
            byte[] written = Pattern();
            harness.Store.Write(File, written, 0, written.Length);
            harness.Store.Delete(File);

            IStore store = harness.RebootStore();

            Assert.IsFalse(store.Exists(File));
        }

        /// <summary>Bytes that differ from their neighbours and from an erased page (0xFF) and a zeroed one.</summary>
        private static byte[] Pattern()
        {
            byte[] bytes = new byte[Length];
            for (int i = 0; i < Length; i++)
            {
                bytes[i] = (byte)((i * 37 + 11) & 0x7F);
            }

            return bytes;
        }
    }
}
