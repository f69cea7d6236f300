/**
 * Loaded before every test file: any request that leaves loopback fails the
 * test that made it. nock blocks Node's http/https (and undici-based fetch via
 * its interceptor); loopback stays open for the sandbox's HTTP transport and
 * the real app process.
 */
import nock from "nock";

nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/);
