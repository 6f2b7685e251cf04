using Matchmaking.Application.Attachments;
using Matchmaking.Application.Bids;
using Matchmaking.Application.Common;
using Matchmaking.Application.Notifications;
using Matchmaking.Application.Seeding;
using static Matchmaking.Application.Tests.Domain.TestData;

namespace Matchmaking.Application.Tests.Domain;

/// <summary>Entity rules of issue 5 without a database: consortium invariants, the receipt's canonical form,
/// outbox back-off, and file sniffing.</summary>
public class ConsortiumReceiptOutboxTests
{
    private static readonly DateTime Deadline = Now.AddDays(10);
    private static Bid NewBid() => new(1, 1, 1, "r1", Bid(), 800, Now, Deadline);

    [Fact]
    public void Submit_WithUnconfirmedPartner_Fails_ConfirmedPartnerCountsAsInvolved()
    {
        var b = NewBid();
        b.InvitePartner(7, maxPartners: 2, Now, Deadline);
        Assert.Equal("partners_unconfirmed", Assert.Throws<DomainException>(() => b.Submit(Now, Deadline)).Code);
        Assert.Equal([1], b.InvolvedOrganizationIds());

        b.RespondAsPartner(7, "u7", accept: true, Now, Deadline);
        b.Submit(Now, Deadline);

        Assert.Equal([1, 7], b.InvolvedOrganizationIds());
        Assert.Equal("partners_locked", Assert.Throws<DomainException>(() => b.InvitePartner(8, 2, Now, Deadline)).Code);
    }

    [Fact]
    public void DeclinedPartner_BlocksSubmit_UntilRemoved_AndMayBeInvitedAgain()
    {
        var b = NewBid();
        b.InvitePartner(7, 2, Now, Deadline);
        b.RespondAsPartner(7, "u7", accept: false, Now, Deadline);
        Assert.Equal("partner_declined", Assert.Throws<DomainException>(() => b.Submit(Now, Deadline)).Code);
        Assert.Equal("no_invitation", Assert.Throws<DomainException>(() => b.RespondAsPartner(7, "u7", true, Now, Deadline)).Code);

        b.InvitePartner(7, 2, Now, Deadline); // a new invitation replaces the declined one
        Assert.Single(b.Partners);
        Assert.Equal(PartnerState.Invited, b.Partners[0].State);
        b.RemovePartner(7, Now, Deadline);
        b.Submit(Now, Deadline);
    }

    [Fact]
    public void InvitePartner_AfterDeadline_OrBeyondTheLimit_Fails()
    {
        var b = NewBid();
        Assert.Equal("deadline_passed", Assert.Throws<DomainException>(() => b.InvitePartner(7, 2, Deadline, Deadline)).Code);
        b.InvitePartner(7, 1, Now, Deadline);
        Assert.Equal("too_many_partners", Assert.Throws<DomainException>(() => b.InvitePartner(8, 1, Now, Deadline)).Code);
        Assert.Equal("partner_duplicate", Assert.Throws<DomainException>(() => b.InvitePartner(7, 5, Now, Deadline)).Code);
    }

    [Fact]
    public void Receipt_Canonical_IsStable_AndOrderIndependent()
    {
        var b = NewBid();
        var at = new DateTime(2026, 11, 23, 1, 2, 3, 456, DateTimeKind.Utc);
        BidReceipt.AttachmentRef a1 = new("b.pdf", "bb", 2), a2 = new("a.png", "aa", 1);

        var one = BidReceipt.Canonical(b, [9, 3], [a1, a2], at);
        var two = BidReceipt.Canonical(b, [3, 9, 3], [a2, a1], at);

        Assert.Equal(one, two);
        Assert.Contains("\"partnerOrganizationIds\":[3,9]", one);
        Assert.Contains("\"attachments\":[{\"name\":\"a.png\",\"sha256\":\"aa\",\"size\":1},{\"name\":\"b.pdf\"", one);
        Assert.EndsWith("\"submittedAtUtc\":\"2026-11-23T01:02:03.456Z\"}", one);
        Assert.DoesNotContain(" ", one.Replace(b.TechnicalApproach, "").Replace(b.MilestonePlan, "").Replace(b.TeamDescription, ""));
        Assert.True(BidReceipt.Matches(one + "\n", BidReceipt.Digest(one)));
        Assert.False(BidReceipt.Matches(one + " ", BidReceipt.Digest(one)));
    }

    [Fact]
    public void OutboxEntry_BacksOffExponentially_ThenGivesUp()
    {
        var o = new MailOptions { MaxAttempts = 4, RetryBaseDelay = TimeSpan.FromMinutes(1), RetryMaxDelay = TimeSpan.FromMinutes(3) };
        var e = new EmailOutboxEntry { NextAttemptAtUtc = Now };
        e.Failed("x", Now, o);
        Assert.Equal(Now.AddMinutes(1), e.NextAttemptAtUtc);
        e.Failed("x", Now, o);
        Assert.Equal(Now.AddMinutes(2), e.NextAttemptAtUtc);
        e.Failed("x", Now, o);
        Assert.Equal(Now.AddMinutes(3), e.NextAttemptAtUtc); // capped
        Assert.True(e.IsPending);
        e.Failed("x", Now, o);
        Assert.False(e.IsPending);
        Assert.Equal(Now, e.GaveUpAtUtc);
    }

    [Theory]
    [InlineData("a.pdf", "application/pdf")]
    [InlineData("a.png", "image/png")]
    [InlineData("a.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    public void Sniffer_RecognisesRealFiles(string name, string type)
    {
        var bytes = Path.GetExtension(name) switch { ".pdf" => DemoFiles.Pdf("x"), ".png" => DemoFiles.Png(), _ => DemoFiles.Docx("x") };
        Assert.Equal(type, FileSniffer.Sniff(new MemoryStream(bytes), name)?.ContentType);
    }

    [Fact]
    public void Sniffer_RefusesExecutablesAndTruncatedFiles()
    {
        Assert.Null(FileSniffer.Sniff(new MemoryStream([(byte)'M', (byte)'Z', 0x90, 0]), "a.pdf"));
        Assert.Null(FileSniffer.Sniff(new MemoryStream([(byte)'P', (byte)'K', 3, 4, 0, 0]), "a.docx")); // not a readable zip
        Assert.Null(FileSniffer.Sniff(new MemoryStream([]), "a.pdf"));
    }
}
