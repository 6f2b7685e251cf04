using System.Globalization;

namespace Matchmaking.Application.Common;

/// <summary>
/// The portal's two languages for the messages services give back at once (refusals, validation problems): the
/// reader's choice travels as <see cref="CultureInfo.CurrentUICulture"/>, set per request and per Blazor circuit by
/// the web layer, which is also what the UI's resource strings are looked up by. Chinese unless the reader chose
/// English — background work (sweeps, the CLI) and anything that is stored speak Chinese. Not for stored text: a
/// message written to the database must not depend on who happened to trigger it.
/// </summary>
public static class Bilingual
{
    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary><paramref name="zh"/>, or <paramref name="en"/> for a reader who chose English.</summary>
    public static string L(string zh, string en) => English ? en : zh;
}
