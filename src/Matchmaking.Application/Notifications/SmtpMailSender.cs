using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Matchmaking.Application.Notifications;

/// <summary>Sends one plain-text message through the configured SMTP server (MailKit), one connection per message:
/// volumes are small, and a failure then touches only that message.</summary>
public sealed class SmtpMailSender(SmtpOptions options)
{
    public bool IsConfigured => options.IsConfigured;

    public async Task SendAsync(string to, string subject, string body, CancellationToken ct = default)
    {
        if (!options.IsConfigured) throw new InvalidOperationException("SMTP is not configured (Matchmaking:Smtp:Host)");
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(options.FromName, options.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };

        using var client = new SmtpClient { Timeout = options.TimeoutSeconds * 1000 };
        var security = Enum.TryParse<SecureSocketOptions>(options.Security, ignoreCase: true, out var s) ? s : SecureSocketOptions.StartTlsWhenAvailable;
        await client.ConnectAsync(options.Host!, options.Port, security, ct);
        if (!string.IsNullOrEmpty(options.User)) await client.AuthenticateAsync(options.User, options.Password ?? "", ct);
        try
        {
            await client.SendAsync(message, ct);
        }
        catch (SmtpCommandException ex)
        {
            throw new MailDeliveryException($"{(int)ex.StatusCode} {ex.Message}", ex); // keep the server's reply code for the outbox
        }
        await client.DisconnectAsync(quit: true, ct);
    }
}

public sealed class MailDeliveryException(string message, Exception inner) : Exception(message, inner);
