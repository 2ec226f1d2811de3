// The readers of bench/load-test.ts, in a child process of their own: autocannon's own work (making
// requests, parsing answers) then runs beside the server's event loop, not on it, as it would from
// the readers' own machines. Plain JavaScript so the child needs no TypeScript loader.
// First message from the parent: { url, path, cookies, connections, duration }; a later 'stop' ends the
// readers early (the parent's loads are done). Sends autocannon's figures back.
import autocannon from 'autocannon';

process.once('message', async ({ url, path, cookies, connections, duration }) => {
  let next = 0;
  const run = autocannon({
    url,
    connections,
    duration,
    timeout: 10,
    requests: [{ method: 'GET', path, setupRequest: (req) => ({ ...req, headers: { ...req.headers, cookie: cookies[next++ % cookies.length] } }) }]
  });
  process.on('message', (m) => m === 'stop' && run.stop());
  const result = await run;
  const { requests, latency, errors, timeouts, non2xx } = result;
  process.send(
    {
      requests: { total: requests.total, average: requests.average },
      latency: { p50: latency.p50, p90: latency.p90, p97_5: latency.p97_5, p99: latency.p99, max: latency.max },
      errors, timeouts, non2xx
    },
    () => process.disconnect()
  );
});
