using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Steward.Integration.Tests;

/// <summary>
/// The API under hostile requests, through the runner (API Gateway's limits, then the function): oversized headers and
/// bodies, path tricks, numbers out of range, wrong content types and methods, and a key guessed over and over from one
/// address. No answer is a 5xx, nothing is built by a refused request, and the right key from another address still works.
/// </summary>
[Trait(Tiers.Category, Tiers.Slow)]
public class HostileApiTests(ServeFixture serve) : IClassFixture<ServeFixture>
{
    private static AuthenticationHeaderValue Key(string user = "apikey1", string key = "servicenow-key-1") =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{key}")));

    private async Task<HttpStatusCode> Send(HttpMethod method, string path, HttpContent? content = null, Action<HttpRequestMessage>? change = null, HttpClient? client = null)
    {
        // Written onto the address as sent: a path such as //instances must not turn into a host name.
        using var request = new HttpRequestMessage(method, new Uri(serve.Api.ToString().TrimEnd('/') + path)) { Content = content };
        request.Headers.Authorization = Key();
        change?.Invoke(request);
        using var response = await (client ?? serve.Http).SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode < 500, $"{method} {path}: {(int)response.StatusCode} {body}");
        return response.StatusCode;
    }

    private Task<int> ManagedInstances() => serve.ManagedInstanceCountAsync();

    [Theory]
    [InlineData("/instances/..%2Fquote")]
    [InlineData("/instances/%2e%2e/quote")]
    [InlineData("//instances//quote")]
    [InlineData("/instances/RITM%00001")]
    [InlineData("/instances/%ff%fe")]
    [InlineData("/_local/%2e%2e/instances/quote")]
    [InlineData("/instances/RITM0010042%3Bdrop")]
    public async Task Path_tricks_are_answered_without_a_5xx_and_build_nothing(string path)
    {
        var before = await ManagedInstances();
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post, HttpMethod.Delete })
            await Send(method, path, method == HttpMethod.Post ? new StringContent("{\"os\":\"al2023\",\"inst_size\":\"small\"}", Encoding.UTF8, "application/json") : null);
        Assert.Equal(before, await ManagedInstances());
    }

    [Fact]
    public async Task Oversized_headers_and_bodies_are_refused_before_the_function_and_by_it()
    {
        Assert.True(await Send(HttpMethod.Post, "/instances/quote", new StringContent("{}"), r => r.Headers.Add("X-Padding", new string('a', 64 * 1024))) is
            HttpStatusCode.RequestHeaderFieldsTooLarge or HttpStatusCode.BadRequest);
        // Over API Gateway's 10 MB: refused at the door, before the body is sent (curl and ServiceNow ask with Expect: 100-continue).
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, await Send(HttpMethod.Post, "/instances", new ByteArrayContent(new byte[11 * 1024 * 1024]), r => r.Headers.ExpectContinue = true));
        // Under it, but far over what a server request needs: the function refuses it without reading it.
        var padded = "{\"os\":\"al2023\",\"inst_size\":\"small\",\"pad\":\"" + new string('x', 200 * 1024) + "\"}";
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, await Send(HttpMethod.Post, "/instances", new StringContent(padded, Encoding.UTF8, "application/json")));
    }

    [Theory]
    [InlineData("1e309")]
    [InlineData("-5")]
    [InlineData("99999999999999999999999")]
    [InlineData("\"NaN\"")]
    [InlineData("1.5")]
    [InlineData("[100]")]
    [InlineData("{\"gb\":100}")]
    [InlineData("0")]
    public async Task Numbers_out_of_range_are_a_400_and_build_nothing(string volume)
    {
        var before = await ManagedInstances();
        var body = $$"""{"os":"al2023","inst_size":"small","volume_size":{{volume}},"request_number":"RITM{{Random.Shared.Next(1_000_000, 9_999_999)}}"}""";
        Assert.Equal(HttpStatusCode.BadRequest, await Send(HttpMethod.Post, "/instances", new StringContent(body, Encoding.UTF8, "application/json")));
        Assert.Equal(before, await ManagedInstances());
    }

    [Theory]
    [InlineData("text/xml", "<request><os>al2023</os></request>")]
    [InlineData("application/x-www-form-urlencoded", "os=al2023&inst_size=small")]
    [InlineData("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"os\"\r\n\r\nal2023\r\n--x--\r\n")]
    [InlineData("application/json", "\"just a string\"")]
    [InlineData("application/json", "{\"os\":")]
    public async Task Bodies_that_are_not_a_JSON_object_are_a_400_and_build_nothing(string contentType, string body)
    {
        var before = await ManagedInstances();
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        Assert.Equal(HttpStatusCode.BadRequest, await Send(HttpMethod.Post, "/instances", content));
        Assert.Equal(before, await ManagedInstances());
    }

    [Theory]
    [InlineData("PUT", "/instances")]
    [InlineData("PATCH", "/instances/RITM0010042")]
    [InlineData("OPTIONS", "/instances")]
    [InlineData("TRACE", "/instances")]
    public async Task Methods_the_API_does_not_have_are_refused(string method, string path) =>
        Assert.True(await Send(new HttpMethod(method), path) is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.MethodNotAllowed);

    /// <summary>An HTTP client whose connections come from another loopback address, as a second caller on the network.</summary>
    private static HttpClient From(string address) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
            await socket.ConnectAsync(context.DnsEndPoint, ct);
            return new NetworkStream(socket, ownsSocket: true);
        },
    }) { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task A_key_guessed_over_and_over_from_one_address_is_held_off_while_the_right_key_from_another_works()
    {
        using var attacker = From("127.0.0.2");
        var quote = () => new StringContent("{\"os\":\"al2023\",\"inst_size\":\"small\"}", Encoding.UTF8, "application/json");
        var answers = new List<HttpStatusCode>();
        // Each execution environment counts its own: at most ten wrong keys per environment before it holds the address off.
        for (var i = 0; i < 10 * Steward.Local.Hosting.LocalFunction.MaxEnvironments + 1 && !answers.Contains(HttpStatusCode.TooManyRequests); i++)
        {
            answers.Add(await Send(HttpMethod.Post, "/instances/quote", quote(), r => r.Headers.Authorization = Key(key: $"guess-{i}"), attacker));
            // ServiceNow, from its own address, is answered as ever while the guessing goes on.
            if (i % 5 == 0) Assert.Equal(HttpStatusCode.OK, await Send(HttpMethod.Post, "/instances/quote", quote()));
        }
        Assert.Contains(HttpStatusCode.TooManyRequests, answers);
        Assert.All(answers, a => Assert.True(a is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, a.ToString()));

        using var held = new HttpRequestMessage(HttpMethod.Post, new Uri(serve.Api, "/instances/quote")) { Content = quote() };
        held.Headers.Authorization = Key(key: "still-guessing");
        using var response = await attacker.SendAsync(held);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single()) is > 0 and <= 300);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Contains("wrong credentials", problem.RootElement.GetProperty("title").GetString(), StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal(HttpStatusCode.OK, await Send(HttpMethod.Post, "/instances/quote", quote()));
    }
}
