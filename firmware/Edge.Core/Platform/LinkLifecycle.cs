#nullable disable
namespace Edge.Core.Platform
{
    /// <summary>
    /// The state an <see cref="IMqttLink"/> reports, for a link whose client library connects by a blocking call on
    /// a worker thread (nanoFramework's M2Mqtt): attempts are numbered, so that the outcome of an attempt given up
    /// (timed out, or closed by <see cref="IMqttLink.Disconnect"/>) and arriving later is recognised as stale, and
    /// the connect timeout is judged on the monotonic clock when the state is read. Thread-safe: the worker thread
    /// reports outcomes, the client library's thread reports a lost connection, the node loop reads the state.
    /// </summary>
    public sealed class LinkLifecycle
    {
        private readonly IClock _clock;
        private readonly object _gate = new object();
        private LinkState _state;
        private LinkFailure _failure;
        private int _refusedCode;
        private int _attempt;
        private long _deadlineMs;

        /// <summary>A lifecycle that judges connect timeouts on <paramref name="clock"/>'s monotonic time.</summary>
        public LinkLifecycle(IClock clock)
        {
            _clock = clock;
        }

        /// <summary>Where the link stands; an attempt past its deadline reads as <see cref="LinkState.Disconnected"/>
        /// with <see cref="LinkFailure.Timeout"/> from the first read after the deadline.</summary>
        public LinkState State
        {
            get
            {
                lock (_gate)
                {
                    ExpireIfLate();
                    return _state;
                }
            }
        }

        /// <summary>Why the last attempt failed or the last connection ended; <see cref="LinkFailure.None"/> while
        /// connected or connecting, and after <see cref="Close"/>.</summary>
        public LinkFailure Failure
        {
            get
            {
                lock (_gate)
                {
                    ExpireIfLate();
                    return _failure;
                }
            }
        }

        /// <summary>The broker's refusal code when <see cref="Failure"/> is <see cref="LinkFailure.Refused"/>, else 0.</summary>
        public int RefusedCode
        {
            get
            {
                lock (_gate)
                {
                    return _refusedCode;
                }
            }
        }

        /// <summary>The number of the current attempt (0 before the first): outcomes are reported with it.</summary>
        public int CurrentAttempt
        {
            get
            {
                lock (_gate)
                {
                    return _attempt;
                }
            }
        }

        /// <summary>Starts an attempt that must succeed within <paramref name="timeoutMs"/>; returns its number (above
        /// 0), or 0 when the link is not <see cref="LinkState.Disconnected"/> (an attempt or a connection exists).</summary>
        public int Begin(int timeoutMs)
        {
            lock (_gate)
            {
                ExpireIfLate();
                if (_state != LinkState.Disconnected)
                {
                    return 0;
                }

                _attempt++;
                _state = LinkState.Connecting;
                _failure = LinkFailure.None;
                _refusedCode = 0;
                _deadlineMs = _clock.MonotonicMs + timeoutMs;
                return _attempt;
            }
        }

        /// <summary>The broker accepted attempt <paramref name="attempt"/>: true if that attempt is still the one under
        /// way (the link is now <see cref="LinkState.Connected"/>); false if it was given up, and the caller must close
        /// the connection it just made.</summary>
        public bool Succeeded(int attempt)
        {
            lock (_gate)
            {
                ExpireIfLate();
                if (attempt != _attempt || _state != LinkState.Connecting)
                {
                    return false;
                }

                _state = LinkState.Connected;
                return true;
            }
        }

        /// <summary>Attempt <paramref name="attempt"/> failed with <paramref name="failure"/> (and, when refused, the
        /// broker's <paramref name="refusedCode"/>): true if it was the attempt under way, false if it was stale.</summary>
        public bool Failed(int attempt, LinkFailure failure, int refusedCode)
        {
            lock (_gate)
            {
                ExpireIfLate();
                if (attempt != _attempt || _state != LinkState.Connecting)
                {
                    return false;
                }

                _state = LinkState.Disconnected;
                _failure = failure;
                _refusedCode = failure == LinkFailure.Refused ? refusedCode : 0;
                return true;
            }
        }

        /// <summary>The connection of attempt <paramref name="attempt"/> ended without the node asking: true if it was
        /// the current connection (now <see cref="LinkState.Disconnected"/> with <see cref="LinkFailure.Lost"/>), false
        /// for a connection already closed or given up.</summary>
        public bool Lost(int attempt)
        {
            lock (_gate)
            {
                if (attempt != _attempt || _state != LinkState.Connected)
                {
                    return false;
                }

                _state = LinkState.Disconnected;
                _failure = LinkFailure.Lost;
                return true;
            }
        }

        /// <summary>The node closes the link: any attempt under way becomes stale and the state is
        /// <see cref="LinkState.Disconnected"/> with no failure. Returns the state it left, so that the caller knows
        /// whether a connection (<see cref="LinkState.Connected"/>) or an attempt needs closing.</summary>
        public LinkState Close()
        {
            lock (_gate)
            {
                ExpireIfLate();
                LinkState left = _state;
                _attempt++;
                _state = LinkState.Disconnected;
                _failure = LinkFailure.None;
                _refusedCode = 0;
                return left;
            }
        }

        private void ExpireIfLate()
        {
            if (_state == LinkState.Connecting && _clock.MonotonicMs >= _deadlineMs)
            {
                _state = LinkState.Disconnected;
                _failure = LinkFailure.Timeout;
            }
        }
    }
}
