namespace Edge.Host.Cli
{
    /// <summary>A value chosen on the command line by its name (see <see cref="CliOptions.OneOf{T}"/>); shown by its name.</summary>
    public sealed record Choice<T>(string Name, T Value)
    {
        public override string ToString() => Name;
    }
}
