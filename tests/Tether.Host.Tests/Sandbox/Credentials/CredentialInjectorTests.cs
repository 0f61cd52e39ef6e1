using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Tether.Host.Sandbox.Credentials;
using Tether.Host.Tests.Support;

namespace Tether.Host.Tests.Sandbox.Credentials;

public sealed class CredentialInjectorTests : IAsyncLifetime, IDisposable
{
    private const string RealKey = "sk-ant-real-3f9c1e7d5b2a4680";

    // A variable name of this test's own, so parallel tests never see each other's key.
    private readonly string _keyVariable = "TETHER_TEST_KEY_" + Guid.NewGuid().ToString("n");
    private readonly SessionPlaceholder _placeholder = SessionPlaceholder.Create();
    private readonly CapturingLogger _logs = new();
    private string _directory = null!;
    private FakeApi _api = null!;
    private CredentialInjector _injector = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable(_keyVariable, RealKey);
        _directory = Directory.CreateTempSubdirectory("tether-cr-").FullName;
        File.SetUnixFileMode(_directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _api = await FakeApi.StartAsync();
        _injector = await CredentialInjector.StartAsync(
            new CredentialInjectorOptions
            {
                SocketPath = Path.Combine(_directory, "inject.sock"),
                Placeholder = _placeholder,
                KeyVariable = _keyVariable,
                Upstream = _api.Origin,
            },
            _logs);
        _client = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (_, token) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(_injector.SocketPath), token);
                return new NetworkStream(socket, ownsSocket: true);
            },
        })
        { BaseAddress = new Uri("http://127.0.0.1:8787") };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _injector.DisposeAsync();
        await _api.DisposeAsync();
        Environment.SetEnvironmentVariable(_keyVariable, null);
        Directory.Delete(_directory, recursive: true);
    }

    public void Dispose()
    {
        _client.Dispose();
        _logs.Dispose();
    }

    [Fact]
    public async Task The_upstream_sees_the_real_key_and_never_the_placeholder()
    {
        using var response = await _client.SendAsync(Messages(_placeholder.Value, "{\"model\":\"m\"}"));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("{\"ok\":true}", await response.Content.ReadAsStringAsync());
        var (path, headers, body) = Assert.Single(_api.Requests);
        Assert.Equal("/v1/messages?beta=true", path);
        Assert.Equal("{\"model\":\"m\"}", body);
        Assert.Equal(RealKey, headers["x-api-key"]);
        Assert.False(headers.ContainsKey("authorization"));
        Assert.DoesNotContain(headers.Values, v => v.Contains(_placeholder.Value, StringComparison.Ordinal));
        Assert.Equal("2023-06-01", headers["anthropic-version"]);
    }

    [Fact]
    public async Task A_bearer_placeholder_is_accepted_and_replaced_too()
    {
        var request = Messages(null, "{}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _placeholder.Value);

        using var response = await _client.SendAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
        var headers = Assert.Single(_api.Requests).Headers;
        Assert.Equal(RealKey, headers["x-api-key"]);
        Assert.False(headers.ContainsKey("authorization"));
    }

    [Theory]
    [InlineData("tether-placeholder-00000000000000000000000000000000")]
    [InlineData(RealKey)]
    [InlineData("")]
    public async Task A_key_that_is_not_the_placeholder_is_refused_and_never_forwarded(string key)
    {
        using var response = await _client.SendAsync(Messages(key, "{}"));

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Empty(_api.Requests);
        Assert.Contains(_logs.Lines, l => l.Contains("did not carry the session's placeholder", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_second_key_header_that_is_not_the_placeholder_is_refused()
    {
        var request = Messages(_placeholder.Value, "{}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk-ant-other");

        using var response = await _client.SendAsync(request);

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task The_clients_warm_up_is_answered_without_the_upstream()
    {
        using var response = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task A_request_without_any_key_is_refused()
    {
        using var response = await _client.SendAsync(Messages(null, "{}"));

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Empty(_api.Requests);
    }

    [Theory]
    [InlineData("GET", "/v1/organizations/me")]
    [InlineData("POST", "/v1/files")]
    [InlineData("GET", "/v1/models/..%2Fadmin")]
    [InlineData("DELETE", "/v1/messages")]
    public async Task Paths_outside_the_messages_api_are_not_found(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Add("x-api-key", _placeholder.Value);

        using var response = await _client.SendAsync(request);

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task Only_allowlisted_headers_cross_and_host_is_the_upstream_own()
    {
        var request = Messages(_placeholder.Value, "{}");
        request.Headers.Host = "evil.test";
        request.Headers.Add("Cookie", "session=stolen");
        request.Headers.Add("Proxy-Authorization", "Basic eDp5");
        request.Headers.Add("X-Forwarded-For", "1.2.3.4");
        request.Headers.Add("x-stainless-lang", "js");

        using var response = await _client.SendAsync(request);

        var headers = Assert.Single(_api.Requests).Headers;
        Assert.Equal(_api.Origin.Authority, headers["host"]);
        Assert.False(headers.ContainsKey("cookie"));
        Assert.False(headers.ContainsKey("proxy-authorization"));
        Assert.False(headers.ContainsKey("x-forwarded-for"));
        Assert.Equal("js", headers["x-stainless-lang"]);
        Assert.Equal("req_1", response.Headers.GetValues("request-id").Single());
        Assert.Equal("99", response.Headers.GetValues("anthropic-ratelimit-requests-remaining").Single());
        Assert.False(response.Headers.Contains("set-cookie"));
    }

    [Fact]
    public async Task Server_sent_events_arrive_before_the_upstream_finishes()
    {
        using var response = await _client.SendAsync(Messages(_placeholder.Value, "{\"stream\":true}"), HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(body, Encoding.UTF8);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        // The upstream is still holding its second event back: this line can only come from a streamed response.
        Assert.Equal("event: message_start", await reader.ReadLineAsync(timeout.Token));
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);

        _api.ReleaseStream();
        var rest = await reader.ReadToEndAsync(timeout.Token);
        Assert.Contains("event: message_stop", rest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_real_key_and_the_placeholder_never_reach_the_logs()
    {
        using (await _client.SendAsync(Messages(_placeholder.Value, "{}")))
        using (await _client.SendAsync(Messages("wrong", "{}")))
        {
        }

        Assert.NotEmpty(_logs.Lines);
        Assert.DoesNotContain(_logs.Lines, l => l.Contains(RealKey, StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Lines, l => l.Contains(_placeholder.Value, StringComparison.Ordinal));
    }

    [Fact]
    public void The_key_and_placeholder_never_print()
    {
        using var key = ApiKey.FromEnvironment(_keyVariable);

        Assert.DoesNotContain(RealKey, key.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(RealKey, $"{key}", StringComparison.Ordinal);
        Assert.DoesNotContain(_placeholder.Value, _placeholder.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_key_variable_names_the_variable_and_fails()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ApiKey.FromEnvironment(_keyVariable + "_MISSING"));

        Assert.Contains(_keyVariable + "_MISSING", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://api.anthropic.com")]
    [InlineData("https://api.anthropic.com/v1")]
    [InlineData("https://user:pw@api.anthropic.com")]
    public void An_upstream_that_is_not_a_bare_https_origin_is_refused(string upstream)
    {
        var options = new CredentialInjectorOptions { SocketPath = "/tmp/x.sock", Placeholder = _placeholder, Upstream = new Uri(upstream) };

        Assert.NotEmpty(options.Validate());
    }

    [Fact]
    public void The_socket_is_private_to_its_owner() =>
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_injector.SocketPath));

    [Fact]
    public void The_sandbox_gets_the_placeholder_and_the_relay_url()
    {
        var environment = CredentialInjector.SandboxEnvironment(_placeholder);

        Assert.Equal(_placeholder.Value, environment["ANTHROPIC_API_KEY"]);
        Assert.Equal("http://127.0.0.1:8787", environment["ANTHROPIC_BASE_URL"]);
        Assert.DoesNotContain(environment.Values, v => v.Contains(RealKey, StringComparison.Ordinal));
    }

    private static HttpRequestMessage Messages(string? key, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages?beta=true")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("anthropic-version", "2023-06-01");
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("x-api-key", key);
        }

        return request;
    }
}
