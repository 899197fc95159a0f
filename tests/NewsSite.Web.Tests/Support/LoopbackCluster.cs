using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace NewsSite.Web.Tests.Support;

/// <summary>
/// Real processes on 127.0.0.1 for the test of several nodes behind a balancer: app nodes (the built app, run as an
/// operator runs it), nginx from Debian in front of them, a Redis of the test's own (so that it can be stopped), and wrk.
/// Each is stopped by the test, by its own process; nothing else is touched.
/// </summary>
public static partial class LoopbackCluster
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The web app as built beside these tests (src/NewsSite.Web/bin/&lt;configuration&gt;/net10.0).</summary>
    public static string AppFolder()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // …/bin/Debug/net10.0/
        var folder = Path.Combine(Repository.Root, "src", "NewsSite.Web", "bin", configuration, "net10.0");
        return File.Exists(Path.Combine(folder, "NewsSite.Web.dll"))
            ? folder
            : throw new InvalidOperationException($"Die App ist nicht gebaut: {folder} (dotnet build)");
    }

    private static readonly string[] NginxPaths = ["/usr/sbin/nginx", "/usr/bin/nginx"];
    private static readonly string[] WrkPaths = ["/usr/bin/wrk", "/usr/local/bin/wrk"];
    private static readonly string[] RedisPaths = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"];

    public static string? Nginx() => NginxPaths.FirstOrDefault(File.Exists);

    public static string? Wrk() => WrkPaths.FirstOrDefault(File.Exists);

    public static string? RedisServer() => RedisPaths.FirstOrDefault(File.Exists);

    /// <summary>Starts a process whose output is drained (kept for a failure message), so it never blocks on a full pipe.</summary>
    public static Running Start(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment["DOTNET_NOLOGO"] = "1";
        var process = new Process { StartInfo = start };
        var running = new Running(process);
        process.OutputDataReceived += (_, e) => running.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => running.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    public static async Task WaitForAsync(Uri url, HttpStatusCode status, TimeSpan limit, Running? process = null)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < until)
        {
            try
            {
                using var response = await client.GetAsync(url);
                if (response.StatusCode == status)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (process is { HasExited: true })
            {
                break;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{url} antwortete nicht {(int)status} binnen {limit.TotalSeconds} s. {process?.Tail()}");
    }

    /// <summary>What wrk counted: all requests, answers other than 2xx/3xx, and socket errors of any kind.</summary>
    public sealed record LoadResult(long Requests, long NotOk, long SocketErrors, string Output);

    public static async Task<LoadResult> LoadAsync(string wrk, Uri url, TimeSpan duration)
    {
        var start = new ProcessStartInfo(wrk) { ArgumentList = { "-t2", "-c8", $"-d{(int)duration.TotalSeconds}s", url.ToString() } };
        using var running = Start(start);
        await running.Process.WaitForExitAsync();
        var output = running.Tail();
        long Number(Regex pattern) => pattern.Match(output) is { Success: true } m ? m.Groups.Cast<Group>().Skip(1).Sum(g => long.Parse(g.Value, System.Globalization.CultureInfo.InvariantCulture)) : 0;
        return new LoadResult(Number(RequestsPattern()), Number(NotOkPattern()), Number(SocketErrorsPattern()), output);
    }

    /// <summary>nginx round robin over <paramref name="nodes"/>, retrying on the next node what a dead one could not take.</summary>
    public static Running StartNginx(string nginx, string folder, int port, IEnumerable<int> nodes)
    {
        foreach (var temp in new[] { "body", "proxy", "logs" })
        {
            Directory.CreateDirectory(Path.Combine(folder, temp));
        }

        // Its workers may run as another user than the test: they need to reach the temporary folders.
        if (!OperatingSystem.IsWindows())
        {
            foreach (var path in Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).Append(folder))
            {
                File.SetUnixFileMode(path, (UnixFileMode)0x1FF);
            }
        }

        var upstream = string.Join("\n", nodes.Select(n => $"        server 127.0.0.1:{n} max_fails=1 fail_timeout=3s;"));
        var config = $$"""
            worker_processes 1;
            error_log {{folder}}/logs/error.log warn;
            pid {{folder}}/nginx.pid;
            events { worker_connections 256; }
            http {
                access_log off;
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/proxy;
                uwsgi_temp_path {{folder}}/proxy;
                scgi_temp_path {{folder}}/proxy;
                client_max_body_size 32m;
                upstream newssite {
            {{upstream}}
                    keepalive 16;
                }
                server {
                    listen 127.0.0.1:{{port}};
                    location / {
                        proxy_pass http://newssite;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_set_header Host $host:$server_port;
                        proxy_set_header X-Forwarded-For $remote_addr;
                        proxy_next_upstream error timeout http_502 http_503;
                        proxy_next_upstream_tries 2;
                        proxy_connect_timeout 2s;
                    }
                }
            }
            """;
        var file = Path.Combine(folder, "nginx.conf");
        File.WriteAllText(file, config);
        return Start(new ProcessStartInfo(nginx) { ArgumentList = { "-p", folder, "-c", file, "-g", "daemon off;" } });
    }

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex RequestsPattern();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex NotOkPattern();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrorsPattern();

    /// <summary>A started process and the last lines it wrote.</summary>
    public sealed class Running(Process process) : IDisposable
    {
        private readonly Queue<string> _lines = new();

        public Process Process { get; } = process;

        public bool HasExited => Process.HasExited;

        public string Tail()
        {
            lock (_lines)
            {
                return string.Join("\n", _lines);
            }
        }

        internal void Keep(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_lines)
            {
                _lines.Enqueue(line);
                while (_lines.Count > 200)
                {
                    _lines.Dequeue();
                }
            }
        }

        public void Kill()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit(10_000);
            }
        }

        public void Dispose()
        {
            Kill();
            Process.Dispose();
        }
    }
}
