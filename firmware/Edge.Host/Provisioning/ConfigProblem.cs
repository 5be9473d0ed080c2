namespace Edge.Host.Provisioning
{
    /// <summary>One thing wrong with what a node would be provisioned with: the file it lands in, the JSON path of
    /// the value (e.g. $.meters[1].port), what is wrong and what is allowed.</summary>
    public sealed record ConfigProblem(string File, string Path, string Message)
    {
        public override string ToString() => $"{File} {Path}: {Message}";
    }
}
