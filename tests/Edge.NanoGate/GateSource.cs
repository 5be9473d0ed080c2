using System.IO;

namespace Edge.NanoGate
{
    /// <summary>A C# source to compile: the path shown in messages and its text.</summary>
    public sealed class GateSource
    {
        public GateSource(string path, string text)
        {
            Path = path;
            Text = text;
        }

        public string Path { get; }

        public string Text { get; }

        public static GateSource FromFile(string path)
        {
            return new GateSource(path, File.ReadAllText(path));
        }
    }
}
