using System.Net;
using System.Net.Sockets;

namespace EsgTrace.Testing;

/// <summary>
/// A TCP forwarder on loopback in front of a service (Azurite), which a test can shut: every open connection is reset and
/// new ones are refused, exactly what the platform sees when storage goes down, while the data behind it stays intact for
/// when the gate opens again. (Stopping Azurite itself under load is not reliable: its server waits for busy connections.)
/// </summary>
public sealed class TcpGate : IDisposable
{
    private readonly int _target;
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;

    public TcpGate(int target)
    {
        _target = target;
        Port = FreePort.Next();
        Open();
    }

    public int Port { get; }

    public void Open()
    {
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Start();
        _ = AcceptAsync(_listener);
    }

    /// <summary>Resets every connection and refuses new ones until <see cref="Open"/>.</summary>
    public void Shut()
    {
        _listener?.Stop();
        _listener = null;
        lock (_open)
        {
            foreach (var client in _open)
            {
                try
                {
                    client.Client?.LingerState = new LingerOption(true, 0); // close with RST, as a dead server would
                }
                catch (Exception)
                {
                    // already closed
                }

                client.Dispose();
            }

            _open.Clear();
        }
    }

    public void Dispose() => Shut();

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync();
            }
            catch (Exception) when (_listener != listener)
            {
                return;
            }
            catch (SocketException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            _ = ForwardAsync(inbound);
        }
    }

    private async Task ForwardAsync(TcpClient inbound)
    {
        var outbound = new TcpClient();
        lock (_open)
        {
            _open.Add(inbound);
            _open.Add(outbound);
        }

        try
        {
            await outbound.ConnectAsync(IPAddress.Loopback, _target);
            var a = inbound.GetStream();
            var b = outbound.GetStream();
            await Task.WhenAny(a.CopyToAsync(b), b.CopyToAsync(a));
        }
        catch (Exception)
        {
            // reset by Shut, or the peer went away
        }
        finally
        {
            inbound.Dispose();
            outbound.Dispose();
            lock (_open)
            {
                _open.Remove(inbound);
                _open.Remove(outbound);
            }
        }
    }
}
