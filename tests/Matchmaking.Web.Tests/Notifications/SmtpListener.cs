using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Matchmaking.Web.Tests.Notifications;

/// <summary>A minimal SMTP server on 127.0.0.1 for tests: speaks EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP and QUIT,
/// records each accepted message, and refuses MAIL FROM with a 451 while <see cref="FailNext"/> is above zero
/// (or always, with <see cref="FailAlways"/>), so that retries can be tested against a real conversation.</summary>
public sealed class SmtpListener : IAsyncDisposable
{
    public sealed record Message(string From, IReadOnlyList<string> To, string Data);

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _failNext;

    public SmtpListener()
    {
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public ConcurrentQueue<Message> Messages { get; } = new();
    public ConcurrentQueue<string> Commands { get; } = new();
    public int FailNext { get => Volatile.Read(ref _failNext); set => Volatile.Write(ref _failNext, value); }
    public bool FailAlways { get; set; }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            _ = Task.Run(() => SessionAsync(client));
        }
    }

    private async Task SessionAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, new UTF8Encoding(false));
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 test.local ESMTP ready");
        string from = "";
        var to = new List<string>();
        for (var i = 0; i < 1000; i++) // bounded: a session is a handful of commands
        {
            var line = await reader.ReadLineAsync(_stop.Token);
            if (line is null) return;
            Commands.Enqueue(line);
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    await writer.WriteAsync("250-test.local\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n");
                    break;
                case "HELO":
                    await writer.WriteLineAsync("250 test.local");
                    break;
                case "MAIL":
                    if (FailAlways || Interlocked.Decrement(ref _failNext) >= 0)
                    {
                        await writer.WriteLineAsync("451 4.3.0 Temporary failure, try again later");
                        break;
                    }
                    Interlocked.Exchange(ref _failNext, 0);
                    from = line[(line.IndexOf(':') + 1)..].Trim();
                    to.Clear();
                    await writer.WriteLineAsync("250 2.1.0 OK");
                    break;
                case "RCPT":
                    to.Add(line[(line.IndexOf(':') + 1)..].Trim().Trim('<', '>'));
                    await writer.WriteLineAsync("250 2.1.5 OK");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    var data = new StringBuilder();
                    for (var n = 0; n < 100_000; n++)
                    {
                        var d = await reader.ReadLineAsync(_stop.Token);
                        if (d is null || d == ".") break;
                        data.Append(d.StartsWith("..", StringComparison.Ordinal) ? d[1..] : d).Append("\r\n");
                    }
                    Messages.Enqueue(new Message(from, [.. to], data.ToString()));
                    await writer.WriteLineAsync("250 2.0.0 Queued");
                    break;
                case "RSET":
                case "NOOP":
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 Bye");
                    return;
                default:
                    await writer.WriteLineAsync("502 Command not implemented");
                    break;
            }
        }
    }

    private int _disposed;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _loop; } catch (Exception) { }
        _stop.Dispose();
    }
}
