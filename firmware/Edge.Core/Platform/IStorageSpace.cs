#nullable disable
namespace Edge.Core.Platform
{
    /// <summary>How full the store's medium is, for the self-test; implemented by a store that can tell.</summary>
    public interface IStorageSpace
    {
        /// <summary>Bytes the store can still write, or -1 when unknown.</summary>
        long FreeBytes { get; }

        /// <summary>Size of the medium in bytes, or -1 when unknown.</summary>
        long TotalBytes { get; }
    }
}
