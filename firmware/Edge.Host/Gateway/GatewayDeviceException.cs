using System;

namespace Edge.Host.Gateway
{
    /// <summary>A port, pin or bus of the gateway that cannot be opened: the message names it and the likely cause,
    /// in one line, for `edge run` to print.</summary>
    public sealed class GatewayDeviceException(string message, Exception? inner = null) : Exception(message, inner);
}
