namespace Matchmaking.Application.Common;

/// <summary>A business rule refused the operation. <see cref="Code"/> is a stable key for callers and tests; the
/// message is in the reader's language (<see cref="Bilingual"/>).</summary>
public class DomainException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>The actor may not do this to this resource. Thrown by services after the same check the UI uses.</summary>
public sealed class AccessDeniedException(string? message = null)
    : DomainException("access_denied", message ?? L("无权执行此操作", "You are not allowed to do this"));

/// <summary><paramref name="what"/> names the thing looked for in the reader's language, e.g. <c>L($"榜单 #{id}", $"challenge #{id}")</c>.</summary>
public sealed class NotFoundException(string what) : DomainException("not_found", L($"未找到: {what}", $"Not found: {what}"));

/// <summary>Optimistic concurrency: someone else saved the same record first.</summary>
public sealed class ConcurrencyConflictException()
    : DomainException("concurrency", L("该记录已被他人修改，请刷新后重试", "Someone else changed this record; reload and try again"));

/// <summary>Field-by-field validation problems, keyed by the content property.</summary>
public sealed class ValidationFailedException(IReadOnlyDictionary<string, string> errors)
    : DomainException("validation", string.Join("；", errors.Values))
{
    public IReadOnlyDictionary<string, string> Errors { get; } = errors;
}
