using System.Net;

namespace IssueSync.IntegrationTests.Infrastructure;

/// <summary>Where a held request waits: before it leaves, or after its answer arrived (the server has acted).</summary>
public enum GatePoint
{
    BeforeSend,
    AfterResponse,
}

/// <summary>
/// A switch inside a worker's HTTP pipeline to Atlassian. A test arms a hold for the next matching request; the
/// request then waits at the chosen point until the test releases it, so a race plays out in the order the test
/// decides. While held, the request honours its cancellation token exactly as a request on the wire would.
/// </summary>
public sealed class HttpGate
{
    private readonly Lock _lock = new();
    private readonly List<Hold> _holds = [];

    /// <summary>Holds the next request whose method matches and whose path contains <paramref name="pathContains"/>.</summary>
    public Hold HoldNext(HttpMethod method, string pathContains, GatePoint point)
    {
        var hold = new Hold(method, pathContains, point);
        lock (_lock)
        {
            _holds.Add(hold);
        }

        return hold;
    }

    /// <summary>
    /// The next matching request is answered by the gate itself with <paramref name="status"/> and a JSON body, without
    /// reaching the server (for answers the simulator does not give, such as an expired token reported as 403).
    /// </summary>
    public Hold AnswerNext(HttpMethod method, string pathContains, HttpStatusCode status, string jsonBody)
    {
        var hold = new Hold(method, pathContains, GatePoint.BeforeSend) { Answer = (status, jsonBody) };
        hold.Release();
        lock (_lock)
        {
            _holds.Add(hold);
        }

        return hold;
    }

    /// <summary>A new handler for one handler chain (HttpClientFactory builds several over time).</summary>
    public DelegatingHandler CreateHandler() => new GateHandler(this);

    private Hold? Take(HttpRequestMessage request)
    {
        lock (_lock)
        {
            var hold = _holds.FirstOrDefault(h => h.Matches(request));
            if (hold is not null)
            {
                _holds.Remove(hold);
            }

            return hold;
        }
    }

    public sealed class Hold
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly HttpMethod _method;
        private readonly string _path;

        internal Hold(HttpMethod method, string path, GatePoint point)
        {
            _method = method;
            _path = path;
            Point = point;
        }

        public GatePoint Point { get; }

        internal (HttpStatusCode Status, string Body)? Answer { get; init; }

        /// <summary>Completes when a request reached the hold (with its answer, for <see cref="GatePoint.AfterResponse"/>).</summary>
        public Task Reached => _reached.Task;

        /// <summary>The status of the held answer (AfterResponse).</summary>
        public HttpStatusCode? Status { get; private set; }

        public void Release() => _released.TrySetResult();

        /// <summary>Waits until a request is held, failing the test after <paramref name="patience"/>.</summary>
        public async Task WaitReachedAsync(TimeSpan? patience = null) =>
            await Reached.WaitAsync(patience ?? TimeSpan.FromSeconds(30));

        internal bool Matches(HttpRequestMessage request) =>
            request.Method == _method && request.RequestUri?.AbsolutePath.Contains(_path, StringComparison.Ordinal) == true;

        internal async Task WaitAsync(HttpStatusCode? status, CancellationToken cancellationToken)
        {
            Status = status;
            _reached.TrySetResult();
            await _released.Task.WaitAsync(cancellationToken);
        }
    }

    private sealed class GateHandler(HttpGate gate) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var hold = gate.Take(request);
            if (hold is { Point: GatePoint.BeforeSend })
            {
                await hold.WaitAsync(null, cancellationToken);
                if (hold.Answer is { } answer)
                {
                    return new HttpResponseMessage(answer.Status)
                    {
                        RequestMessage = request,
                        Content = new StringContent(answer.Body, System.Text.Encoding.UTF8, "application/json"),
                    };
                }
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (hold is { Point: GatePoint.AfterResponse })
            {
                try
                {
                    await hold.WaitAsync(response.StatusCode, cancellationToken);
                }
                catch
                {
                    response.Dispose();
                    throw;
                }
            }

            return response;
        }
    }
}
