namespace Matchmaking.Core.Search;

/// <summary>Why a search was not run exactly as typed.</summary>
public enum SearchNoticeKind
{
    /// <summary>The query was cut to <see cref="SearchNotice.Limit"/> characters.</summary>
    QueryTruncated,
    /// <summary>A quote was left open; the text was searched as plain words.</summary>
    UnbalancedQuote,
    /// <summary>Only the first <see cref="SearchNotice.Limit"/> words were used.</summary>
    TooManyWords,
    /// <summary>A long run of text without spaces: only its first <see cref="SearchNotice.Limit"/> terms were used.</summary>
    TextRunTooLong,
    /// <summary>Nothing searchable was typed; everything is shown.</summary>
    NothingSearchable,
    /// <summary>Paging stops at <see cref="SearchNotice.Limit"/> results.</summary>
    ResultWindow,
    /// <summary>No result had every word; results with some of the words are shown.</summary>
    SomeOfTheWords,
}

/// <summary>
/// A note to show with search results. The library says what happened; the application words it in the reader's
/// language. <see cref="Chinese"/> is the portal's default wording, used where no UI is involved (the search API's
/// <c>message</c>, the command line).
/// </summary>
public readonly record struct SearchNotice(SearchNoticeKind Kind, int Limit = 0)
{
    public string Chinese => Kind switch
    {
        SearchNoticeKind.QueryTruncated => $"查询过长，已截断为前 {Limit} 个字符",
        SearchNoticeKind.UnbalancedQuote => "引号不成对，已按普通文字搜索",
        SearchNoticeKind.TooManyWords => $"查询词过多，只使用了前 {Limit} 个",
        SearchNoticeKind.TextRunTooLong => $"查询中连续的文字过长，每段只使用前 {Limit} 个词",
        SearchNoticeKind.NothingSearchable => "查询中没有可搜索的文字，已显示全部结果",
        SearchNoticeKind.ResultWindow => $"只能查看前 {Limit} 条结果",
        SearchNoticeKind.SomeOfTheWords => "没有同时包含所有词的结果，已显示包含部分词的结果",
        _ => Kind.ToString(),
    };

    /// <summary>The notes in Chinese, joined; null when there are none.</summary>
    public static string? ChineseText(IReadOnlyList<SearchNotice> notices) =>
        notices.Count == 0 ? null : string.Join("；", notices.Select(n => n.Chinese));
}
