using System;
using System.Diagnostics;
using System.Threading;
using Edge.Core.Node;

namespace Edge.Host.Platform
{
    /// <summary>
    /// Waits in real time for a node's broker link, for the hosts that need to: one that runs the loop in virtual
    /// time (the simulator, a replay), whose virtual seconds would otherwise run out the node's timeouts before a
    /// real broker could answer, and one that stops cleanly. The portable loop never waits; these poll
    /// <see cref="EdgeNode.ServiceLink"/> with a short sleep until the link has answered or the deadline passes.
    /// </summary>
    public static class LinkWait
    {
        /// <summary>What a host gives a broker to answer before it carries on without the answer.</summary>
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

        /// <summary>Until the link owes nothing (the connection attempt decided, the messages in flight acknowledged
        /// or failed) or <paramref name="timeout"/> has passed; false on the timeout. A node whose link owes nothing
        /// returns at once, without a pass of the loop's broker work.</summary>
        public static bool Settle(EdgeNode node, TimeSpan timeout)
        {
            var elapsed = Stopwatch.StartNew();
            while (node.LinkBusy)
            {
                if (elapsed.Elapsed >= timeout)
                {
                    return false;
                }

                Thread.Sleep(1);
                node.ServiceLink();
            }

            return true;
        }

        /// <summary>Publishes what is queued and waits for it to be acknowledged, until nothing moves any more (the
        /// outbox empty, or the broker not connected) or <paramref name="timeout"/> has passed. Returns the messages
        /// still queued.</summary>
        public static int Drain(EdgeNode node, TimeSpan timeout)
        {
            node.ServiceLink();
            Settle(node, timeout);
            return node.OutboxDepth;
        }

        /// <summary>A clean shutdown: drains the outbox, says goodbye, and waits for the broker to acknowledge the
        /// goodbye so that the connection closes. True when everything was acknowledged within the timeout.</summary>
        public static bool Stop(EdgeNode node, TimeSpan timeout)
        {
            int unsent = Drain(node, timeout);
            node.Stop();
            return Settle(node, timeout) && unsent == 0;
        }
    }
}
