using System.Net;
using System.Net.Sockets;

namespace NewsSite.Web.Tests.Support;

/// <summary>
/// A TCP forwarder on 127.0.0.1 in front of a real server, which a test can cut (every connection reset, new ones
/// refused) and restore: how a test makes a database or a cache "go down" without stopping the server other tests use.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly List<TcpClient> _open = [];
    private readonly Lock _lock = new();
    private TcpListener? _listener;
    private CancellationTokenSource _running = new();

    public TcpProxy(string targetHost, int targetPort)
    {
        _target = new IPEndPoint(IPAddress.Parse(targetHost == "localhost" ? "127.0.0.1" : targetHost), targetPort);
        Port = Listen(0);
    }

    /// <summary>The local port clients connect to; the same after <see cref="Restore"/>.</summary>
    public int Port { get; }

    /// <summary>Resets every open connection and refuses new ones until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        lock (_lock)
        {
            _running.Cancel();
            _listener?.Stop();
            _listener = null;
            foreach (var client in _open)
            {
                if (client.Client is { Connected: true } socket)
                {
                    socket.LingerState = new LingerOption(true, 0); // RST, as a dead server or network gives
                }

                client.Dispose();
            }

            _open.Clear();
        }
    }

    public void Restore()
    {
        lock (_lock)
        {
            _running = new CancellationTokenSource();
        }

        Listen(Port);
    }

    private int Listen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        CancellationToken token;
        lock (_lock)
        {
            _listener = listener;
            token = _running.Token;
        }

        _ = Task.Run(() => AcceptAsync(listener, token));
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var server = new TcpClient();
            try
            {
                await server.ConnectAsync(_target, token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
                client.Dispose();
                server.Dispose();
                continue;
            }

            lock (_lock)
            {
                _open.Add(client);
                _open.Add(server);
            }

            _ = PumpAsync(client, server, token);
            _ = PumpAsync(server, client, token);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to, CancellationToken token)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The other side or Cut() ended it.
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        _running.Dispose();
        return ValueTask.CompletedTask;
    }
}
