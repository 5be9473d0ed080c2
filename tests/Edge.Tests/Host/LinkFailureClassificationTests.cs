using System;
using System.IO;
using System.Net.Sockets;
using System.Security.Authentication;
using Edge.Core.Platform;
using Edge.Host.Platform;
using MQTTnet;
using MQTTnet.Exceptions;
using Xunit;

namespace Edge.Tests.Host
{
    /// <summary>How the host link names a failed connection attempt (<see cref="LinkFailure"/>) and says why.</summary>
    public sealed class LinkFailureClassificationTests
    {
        [Theory]
        [InlineData(SocketError.NotConnected, true, LinkFailure.Tls)]
        [InlineData(SocketError.ConnectionReset, true, LinkFailure.Tls)]
        [InlineData(SocketError.NotConnected, false, LinkFailure.Tcp)]
        [InlineData(SocketError.ConnectionRefused, true, LinkFailure.Tcp)]
        [InlineData(SocketError.HostNotFound, true, LinkFailure.Dns)]
        public void A_socket_failure_before_mqtt_spoke_is_tls_only_when_the_connection_was_cut_under_tls(SocketError error, bool tls, LinkFailure failure)
        {
            var wrapped = new MqttCommunicationException(new SocketException((int)error));

            Assert.Equal(failure, MqttNetLink.Classify(wrapped, timedOut: false, tls));
        }

        [Fact]
        public void A_refused_certificate_is_tls_and_says_the_checks_reason()
        {
            var refused = new MqttCommunicationException(new AuthenticationException("The remote certificate was rejected by the provided RemoteCertificateValidationCallback."));

            LinkFailure failure = MqttNetLink.Classify(refused, timedOut: false, tls: true);

            Assert.Equal(LinkFailure.Tls, failure);
            Assert.Equal("TLS: the broker's certificate (CN=x) has expired", MqttNetLink.Describe(refused, failure, "the broker's certificate (CN=x) has expired"));
            Assert.Equal("TLS: The remote certificate was rejected by the provided RemoteCertificateValidationCallback.", MqttNetLink.Describe(refused, failure, null));
        }

        [Fact]
        public void A_handshake_cut_by_the_broker_says_it_may_want_a_client_certificate()
        {
            var socket = new SocketException((int)SocketError.NotConnected);
            var cut = new MqttCommunicationException(socket);

            Assert.Equal(
                $"TLS: the broker closed the connection in the TLS handshake ({socket.Message.TrimEnd('.')}): it wants a client certificate (require_certificate) it was not given, or does not speak TLS on this port",
                MqttNetLink.Describe(cut, LinkFailure.Tls, null));
        }

        [Fact]
        public void A_tls_read_failing_after_the_connect_is_tls_but_a_reset_under_it_is_tcp()
        {
            // Under TLS 1.3 a broker that wants a client certificate sends its alert after the client's side of the
            // handshake: SslStream fails the read of the CONNACK ("The decryption operation failed").
            var alert = new IOException("The decryption operation failed, see inner exception.") { Source = "System.Net.Security" };
            var reset = new IOException("Unable to read data from the transport connection.", new SocketException((int)SocketError.ConnectionReset)) { Source = "System.Net.Security" };
            var afterConnect = new MQTTnet.Adapter.MqttConnectingFailedException("Error while authenticating. " + alert.Message, alert);
            var resetAfterConnect = new MQTTnet.Adapter.MqttConnectingFailedException("Error while authenticating. " + reset.Message, reset);

            Assert.Equal(LinkFailure.Tls, MqttNetLink.Classify(afterConnect, timedOut: false, tls: true));
            Assert.Equal(LinkFailure.Tcp, MqttNetLink.Classify(resetAfterConnect, timedOut: false, tls: true));
            Assert.Equal(LinkFailure.Tcp, MqttNetLink.Classify(afterConnect, timedOut: false, tls: false));
            Assert.StartsWith("TLS: the broker closed the connection in the TLS handshake (The decryption operation failed, see inner exception)", MqttNetLink.Describe(afterConnect, LinkFailure.Tls, null));
        }

        [Theory]
        [InlineData(MqttClientConnectResultCode.BadUserNameOrPassword, 4, "bad user name or password")]
        [InlineData(MqttClientConnectResultCode.NotAuthorized, 5, "not authorized")]
        [InlineData(MqttClientConnectResultCode.Banned, 0x8A, "banned")]
        public void A_connack_refusal_keeps_its_3_1_1_code_and_says_it_in_words(MqttClientConnectResultCode code, int returnCode, string words)
        {
            Assert.Equal((returnCode, words), (MqttNetLink.ReturnCode(code), MqttNetLink.Refusal(code)));
        }
    }
}
