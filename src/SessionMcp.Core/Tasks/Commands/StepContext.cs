using Microsoft.Playwright;
using SessionMcp.Core.Browser;
using SessionMcp.Core.Errors;
using SessionMcp.Core.Sessions;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary>What a step runs with: the session, its active tab, the time the step may take, and helpers that turn driver errors into advice.</summary>
public sealed class StepContext
{
    internal StepContext(
        BrowserSession session,
        SessionTab tab,
        float timeoutMs,
        long navigationsBeforePreviousStep,
        NavigationPolicy policy,
        SessionMcpOptions options,
        TimeProvider time,
        CancellationToken cancellationToken,
        Action<HumanWait?>? waiting = null)
    {
        Waiting = waiting ?? (_ => { });
        Session = session;
        Tab = tab;
        TimeoutMs = timeoutMs;
        NavigationsBeforePreviousStep = navigationsBeforePreviousStep;
        Policy = policy;
        Options = options;
        Time = time;
        CancellationToken = cancellationToken;
    }

    public BrowserSession Session { get; }

    public SessionTab Tab { get; }

    public IPage Page => Tab.Page;

    /// <summary>How long this step may wait, in ms: the step timeout, or less when the run's deadline is nearer.</summary>
    public float TimeoutMs { get; }

    /// <summary>The tab's navigation count when the previous step began, so <c>wait_for_navigation</c> sees a navigation that step started.</summary>
    public long NavigationsBeforePreviousStep { get; }

    public NavigationPolicy Policy { get; }

    public SessionMcpOptions Options { get; }

    public TimeProvider Time { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>Told when the step starts and stops waiting for a person, so the run can say so.</summary>
    internal Action<HumanWait?> Waiting { get; }

    /// <summary>A wait in ms of the step's own (<c>timeout_ms</c>), never beyond the step's allowance.</summary>
    public float Bounded(int? timeoutMs) => timeoutMs is { } ms ? Math.Min(ms, TimeoutMs) : TimeoutMs;

    /// <summary>
    /// Runs <paramref name="action"/> on the target element, and turns "not found", "several found" and
    /// "stale ref" into messages that say what to do next.
    /// </summary>
    public async Task<T> OnElementAsync<T>(ElementTarget target, Func<ILocator, Task<T>> action)
    {
        var locator = await LocateAsync(target);
        try
        {
            return await action(locator);
        }
        catch (TimeoutException)
        {
            // Either nothing matched, or the element never became ready (hidden, disabled, covered, moving) or the
            // action itself (long typing) outlasted the step: the advice differs.
            var found = await CountAsync(locator);
            var problem = found == 0
                ? $"matched no element within {TimeoutMs:0} ms"
                : $"matched an element, but it did not become visible, enabled and steady, or the action did not finish, within {TimeoutMs:0} ms";
            throw new CommandFailedException($"{target.Describe()} {problem}. {await PageHint.DescribeAsync(Page)}");
        }
        catch (PlaywrightException ex) when (ex.Message.Contains("strict mode violation", StringComparison.Ordinal))
        {
            var count = await locator.CountAsync();
            throw new CommandFailedException(
                $"{target.Describe()} matched {count} elements; make it match one (a more specific CSS selector, a text= or role= selector, :nth-match(), or a ref from snapshot).");
        }
        catch (PlaywrightException ex) when (!Page.IsClosed)
        {
            throw new CommandFailedException($"{target.Describe()}: {ErrorText.FirstLine(ex.Message)}");
        }
    }

    public Task OnElementAsync(ElementTarget target, Func<ILocator, Task> action) =>
        OnElementAsync(target, async locator =>
        {
            await action(locator);
            return true;
        });

    private async Task<ILocator> LocateAsync(ElementTarget target)
    {
        if (target.Ref is null)
        {
            return Page.Locator(target.Selector!);
        }

        var locator = Page.Locator($"aria-ref={target.Ref}");
        return await CountAsync(locator) > 0
            ? locator
            : throw new CommandFailedException(
                $"ref '{target.Ref}' is not on the page any more (the page changed since the snapshot that showed it) or was never in one; take a new snapshot and use a ref from it.");
    }

    private static async Task<int> CountAsync(ILocator locator)
    {
        try
        {
            return await locator.CountAsync();
        }
        catch (PlaywrightException)
        {
            // An unparsable selector or a page in the middle of navigating: nothing to act on.
            return 0;
        }
    }
}
