#!/usr/bin/python3
"""Conformance: Google's own Python auth library (Debian 12 python3-google-auth
1.5.1, with python3-requests) against genai-emulator, as it works against Google.

Usage: /usr/bin/python3 google_auth_conformance.py /path/to/genai-emulator

Starts the emulator on an ephemeral loopback port with --bootstrap-demo, runs
the named cases (each prints PASS or FAIL), always stops the emulator, and exits
0 only when every case passed. Every network wait is bounded (10 s) and a
watchdog ends the whole run after 120 s.
"""

import datetime
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback

WAIT = 10  # seconds: bound of every single wait
WATCHDOG = 120  # seconds: bound of the whole run
CLOUD_PLATFORM = 'https://www.googleapis.com/auth/cloud-platform'
DEMO_SA = 'gemini-backend@demo-project.iam.gserviceaccount.com'
MODEL = 'gemini-2.5-flash'
PREDICT = 'aiplatform.endpoints.predict'

# Loopback only: never let a proxy from the environment see these requests.
for _v in ('http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY'):
    os.environ.pop(_v, None)
os.environ['NO_PROXY'] = os.environ['no_proxy'] = '127.0.0.1,localhost'

import requests  # noqa: E402  (python3-requests, Debian)


class Failure(AssertionError):
    pass


def check(cond, what, detail=None):
    if not cond:
        raise Failure(what + ('' if detail is None else '\n      got: ' + str(detail)[:2000]))


SESSIONS = []  # closed before the emulator stops (it waits for idle keep-alive connections)


class TimeoutSession(requests.Session):
    """A requests session whose every request is bounded by WAIT seconds."""

    def __init__(self):
        super(TimeoutSession, self).__init__()
        SESSIONS.append(self)

    def request(self, method, url, **kwargs):
        if kwargs.get('timeout') is None:
            kwargs['timeout'] = WAIT
        return super(TimeoutSession, self).request(method, url, **kwargs)


class Emulator(object):
    def __init__(self, binary, workdir):
        self.workdir = workdir
        self.log = open(os.path.join(workdir, 'emulator.stderr'), 'w+b')
        self.proc = subprocess.Popen(
            [binary, '--port', '0', '--bootstrap-demo', '--state', os.path.join(workdir, 'state.json')],
            stdout=subprocess.PIPE, stderr=self.log, stdin=subprocess.DEVNULL)
        line = b''
        deadline = time.monotonic() + WAIT
        while b'\n' not in line:
            left = deadline - time.monotonic()
            if left <= 0 or self.proc.poll() is not None:
                break
            ready, _, _ = select.select([self.proc.stdout], [], [], left)
            if ready:
                chunk = os.read(self.proc.stdout.fileno(), 4096)
                if not chunk:
                    break
                line += chunk
        text = line.decode('utf-8', 'replace')
        marker = 'listening on http://127.0.0.1:'
        if marker not in text:
            self.stop()
            raise RuntimeError('emulator did not print its port within %d s: %r' % (WAIT, text))
        self.port = int(text.split(marker, 1)[1].split()[0].strip().rstrip('/'))
        self.base = 'http://127.0.0.1:%d' % self.port
        self.http = TimeoutSession()
        # Wait (bounded) until it answers.
        deadline = time.monotonic() + WAIT
        while True:
            try:
                self.http.get(self.base + '/', timeout=1)
                break
            except requests.RequestException:
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError('emulator does not answer on ' + self.base)
                time.sleep(0.05)

    def stop(self):
        for s in SESSIONS:
            s.close()
        t0 = time.monotonic()
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=WAIT)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=WAIT)
        self.stop_seconds = time.monotonic() - t0

    def stderr_tail(self):
        self.log.flush()
        self.log.seek(0)
        return self.log.read().decode('utf-8', 'replace')[-2000:]

    # The admin API (always with a body: cpp-httplib wants Content-Length).
    def admin(self, path, body=None, method='POST'):
        data = '' if body is None else json.dumps(body)
        r = self.http.request(method, self.base + path, data=data, headers={'Content-Type': 'application/json'})
        if r.status_code != 200:
            raise Failure('admin %s %s -> %d %s' % (method, path, r.status_code, r.text[:500]))
        return r

    def new_key_file(self, email, tmpdir):
        r = self.admin('/emulator/v1/serviceAccounts/%s/keys' % email)
        key_id = r.headers.get('X-Key-Id')
        info = r.json()
        check(info.get('private_key_id') == key_id, 'key file private_key_id equals X-Key-Id', (info.get('private_key_id'), key_id))
        path = os.path.join(tmpdir, '%s-%s.json' % (email.split('@')[0], key_id))
        with open(path, 'w') as f:
            json.dump(info, f)
        return path, key_id

    def vertex_url(self, project, version='v1beta1'):
        return '%s/%s/projects/%s/locations/us-central1/publishers/google/models/%s:generateContent' % (
            self.base, version, project, MODEL)


GENERATE_BODY = {'contents': [{'role': 'user', 'parts': [{'text': 'hi'}]}]}


def error_info(resp):
    """(status, ErrorInfo detail) of a Google error body."""
    try:
        err = resp.json()['error']
    except Exception:
        raise Failure('not a Google error body: %d %r' % (resp.status_code, resp.text[:500]))
    for d in err.get('details', []):
        if d.get('@type') == 'type.googleapis.com/google.rpc.ErrorInfo':
            return err, d
    raise Failure('no ErrorInfo in the error body: %s' % resp.text[:1000])


def main():
    if len(sys.argv) < 2:
        print('usage: %s /path/to/genai-emulator' % sys.argv[0], file=sys.stderr)
        return 2
    binary = os.path.realpath(sys.argv[1])
    signal.signal(signal.SIGALRM, lambda *_: (_ for _ in ()).throw(RuntimeError('watchdog: run exceeded %d s' % WATCHDOG)))
    signal.alarm(WATCHDOG)
    started = time.monotonic()
    tmpdir = tempfile.mkdtemp(prefix='gauth-conformance-')
    emu = None
    results = []
    try:
        emu = Emulator(binary, tmpdir)
        # google-auth 1.5.1 reads the metadata host when
        # google.auth.compute_engine._metadata is imported, so set it first.
        os.environ['GCE_METADATA_ROOT'] = '127.0.0.1:%d' % emu.port
        os.environ['GCE_METADATA_IP'] = '127.0.0.1:%d' % emu.port
        import google.auth  # noqa: F401
        import google.auth.exceptions
        import google.auth.transport.requests
        import google.oauth2.credentials
        from google.auth import compute_engine
        from google.auth.compute_engine import _metadata
        from google.oauth2 import service_account

        ctx = {}
        auth_request = google.auth.transport.requests.Request(session=TimeoutSession())

        def sa_credentials(keyfile):
            return service_account.Credentials.from_service_account_file(keyfile, scopes=[CLOUD_PLATFORM])

        def call_vertex(token, project):
            return emu.http.post(emu.vertex_url(project), json=GENERATE_BODY,
                                 headers={'Authorization': 'Bearer ' + token})

        def expect_refresh_error(creds, *needles):
            try:
                creds.refresh(auth_request)
            except google.auth.exceptions.RefreshError as e:
                msg = str(e)
                for n in needles:
                    check(n in msg, 'RefreshError mentions %r' % n, msg)
                return msg
            raise Failure('refresh() succeeded; expected RefreshError with %r' % (needles,))

        # a. ------------------------------------------------------------
        def case_a():
            keyfile, key_id = emu.new_key_file(DEMO_SA, tmpdir)
            creds = sa_credentials(keyfile)
            check(creds.service_account_email == DEMO_SA, 'service_account_email', creds.service_account_email)
            check(creds.project_id == 'demo-project', 'project_id from the key file', creds.project_id)
            check(not creds.valid, 'no token before refresh()')
            creds.refresh(auth_request)
            check(creds.valid and creds.token, 'refresh() gives a token', creds.token)
            left = (creds.expiry - datetime.datetime.utcnow()).total_seconds()
            check(3500 <= left <= 3600, 'expiry about 1 h ahead', left)
            r = emu.http.get(emu.base + '/tokeninfo', params={'access_token': creds.token})
            check(r.status_code == 200 and r.json().get('email') == DEMO_SA, 'tokeninfo names the account', r.text)
            session = google.auth.transport.requests.AuthorizedSession(creds, refresh_timeout=WAIT)
            SESSIONS.extend([session, session._auth_request.session])
            r = session.post(emu.vertex_url('demo-project'), json=GENERATE_BODY, timeout=WAIT)
            check(r.status_code == 200, 'AuthorizedSession -> Vertex generateContent 200', '%d %s' % (r.status_code, r.text[:800]))
            body = r.json()
            check(body.get('candidates') and body['candidates'][0]['content']['parts'][0].get('text'),
                  'response has candidates with text', body)
            r = emu.http.post(emu.vertex_url('demo-project', 'v1'), json=GENERATE_BODY,
                              headers={'Authorization': 'Bearer ' + creds.token})
            check(r.status_code == 200 and r.json().get('candidates'), 'plain requests with the header, /v1 -> 200', r.text[:500])
            ctx['sa_keyfile'] = keyfile
            ctx['sa_creds'] = creds

        # b. ------------------------------------------------------------
        def case_b():
            creds = ctx['sa_creds']
            r = call_vertex(creds.token, 'fresh-project')
            check(r.status_code == 403, 'fresh-project -> 403', '%d %s' % (r.status_code, r.text[:800]))
            err, info = error_info(r)
            check(err.get('status') == 'PERMISSION_DENIED', 'status PERMISSION_DENIED', err)
            check(info.get('reason') == 'SERVICE_DISABLED', 'ErrorInfo reason SERVICE_DISABLED', info)
            check(info.get('domain') == 'googleapis.com', 'ErrorInfo domain googleapis.com', info)
            check(info.get('metadata', {}).get('service') == 'aiplatform.googleapis.com', 'metadata.service aiplatform', info)
            check('aiplatform.googleapis.com' in err.get('message', ''), 'message names the API', err.get('message'))

            emu.admin('/emulator/v1/projects/demo-project/serviceAccounts',
                      {'accountId': 'no-roles', 'displayName': 'No roles', 'roles': []})
            email = 'no-roles@demo-project.iam.gserviceaccount.com'
            keyfile, _ = emu.new_key_file(email, tmpdir)
            bare = sa_credentials(keyfile)
            bare.refresh(auth_request)
            r = call_vertex(bare.token, 'demo-project')
            check(r.status_code == 403, 'account without roles -> 403', '%d %s' % (r.status_code, r.text[:800]))
            err, info = error_info(r)
            check(info.get('reason') == 'IAM_PERMISSION_DENIED', 'ErrorInfo reason IAM_PERMISSION_DENIED', info)
            check(info.get('domain') == 'aiplatform.googleapis.com', 'ErrorInfo domain aiplatform.googleapis.com', info)
            check(info.get('metadata', {}).get('permission') == PREDICT, 'metadata.permission ' + PREDICT, info)
            check(("Permission '%s' denied on resource" % PREDICT) in err.get('message', ''), 'message names the permission', err)
            check('projects/demo-project/locations/us-central1/publishers/google/models/' + MODEL in
                  info.get('metadata', {}).get('resource', ''), 'metadata.resource names the model', info)

        # c. ------------------------------------------------------------
        def case_c():
            keyfile, key_id = emu.new_key_file(DEMO_SA, tmpdir)
            creds = sa_credentials(keyfile)
            creds.refresh(auth_request)  # works while enabled
            emu.admin('/emulator/v1/serviceAccounts/%s/keys/%s:disable' % (DEMO_SA, key_id))
            expect_refresh_error(sa_credentials(keyfile), 'invalid_grant', 'Invalid JWT Signature.')
            # A deleted key fails the same way.
            keyfile2, key_id2 = emu.new_key_file(DEMO_SA, tmpdir)
            emu.admin('/emulator/v1/serviceAccounts/%s/keys/%s' % (DEMO_SA, key_id2), method='DELETE')
            expect_refresh_error(sa_credentials(keyfile2), 'invalid_grant', 'Invalid JWT Signature.')
            # The other key of the account still works.
            sa_credentials(ctx['sa_keyfile']).refresh(auth_request)

            emu.admin('/emulator/v1/projects/demo-project/serviceAccounts',
                      {'accountId': 'to-disable', 'displayName': 'To disable', 'roles': ['roles/aiplatform.user']})
            email = 'to-disable@demo-project.iam.gserviceaccount.com'
            keyfile3, _ = emu.new_key_file(email, tmpdir)
            sa_credentials(keyfile3).refresh(auth_request)
            emu.admin('/emulator/v1/serviceAccounts/%s:disable' % email)
            expect_refresh_error(sa_credentials(keyfile3), 'invalid_grant', 'account not found')

        # d. ------------------------------------------------------------
        def case_d():
            user = 'alice@example.com'
            r = emu.admin('/emulator/v1/projects/demo-project/users', {'email': user, 'roles': []})
            info = r.json()
            check(info.get('type') == 'authorized_user', 'authorized_user file', info)
            path = os.path.join(tmpdir, 'alice.json')
            with open(path, 'w') as f:
                json.dump(info, f)
            # 1.5.1's from_authorized_user_file parses the file but always uses
            # Google's token endpoint (it ignores token_uri, a later addition),
            # so point a copy at the file's token_uri, as newer versions do.
            parsed = google.oauth2.credentials.Credentials.from_authorized_user_file(path)
            check(parsed.refresh_token == info['refresh_token'] and parsed.client_id == info['client_id'] and
                  parsed.client_secret == info['client_secret'], 'from_authorized_user_file reads the file')
            creds = google.oauth2.credentials.Credentials(
                None, refresh_token=parsed.refresh_token, token_uri=info['token_uri'],
                client_id=parsed.client_id, client_secret=parsed.client_secret)
            creds.refresh(auth_request)
            check(creds.valid and creds.token, 'refresh() gives a token')
            left = (creds.expiry - datetime.datetime.utcnow()).total_seconds()
            check(3500 <= left <= 3600, 'expiry about 1 h ahead', left)
            r = emu.http.get(emu.base + '/tokeninfo', params={'access_token': creds.token})
            check(r.status_code == 200 and r.json().get('email') == user, 'tokeninfo reports the user', r.text)

            r = call_vertex(creds.token, 'demo-project')
            check(r.status_code == 403, 'user without a role -> 403', '%d %s' % (r.status_code, r.text[:500]))
            _, ei = error_info(r)
            check(ei.get('reason') == 'IAM_PERMISSION_DENIED', 'IAM_PERMISSION_DENIED', ei)
            emu.admin('/emulator/v1/projects/demo-project/members', {'role': 'roles/aiplatform.user', 'member': 'user:' + user})
            session = google.auth.transport.requests.AuthorizedSession(creds, refresh_timeout=WAIT)
            SESSIONS.extend([session, session._auth_request.session])
            r = session.post(emu.vertex_url('demo-project'), json=GENERATE_BODY, timeout=WAIT)
            check(r.status_code == 200 and r.json().get('candidates'), 'with roles/aiplatform.user -> 200',
                  '%d %s' % (r.status_code, r.text[:500]))
            emu.admin('/emulator/v1/projects/demo-project/members:remove', {'role': 'roles/aiplatform.user', 'member': 'user:' + user})
            r = call_vertex(creds.token, 'demo-project')
            check(r.status_code == 403, 'role removed -> 403 again', r.status_code)

            emu.admin('/emulator/v1/refreshTokens:revoke', {'refreshToken': info['refresh_token']})
            expect_refresh_error(creds, 'invalid_grant')

            # A wrong client secret: invalid_client, as Google.
            bad = google.oauth2.credentials.Credentials(
                None, refresh_token=info['refresh_token'], token_uri=info['token_uri'],
                client_id=info['client_id'], client_secret='GOCSPX-wrong')
            expect_refresh_error(bad, 'invalid_client')

        # e. ------------------------------------------------------------
        def case_e():
            expected_root = 'http://127.0.0.1:%d/computeMetadata/v1/' % emu.port
            check(_metadata._METADATA_ROOT == expected_root, 'library uses GCE_METADATA_ROOT', _metadata._METADATA_ROOT)
            check(_metadata._METADATA_IP_ROOT == 'http://127.0.0.1:%d' % emu.port, 'library uses GCE_METADATA_IP',
                  _metadata._METADATA_IP_ROOT)

            r = emu.http.get(expected_root + 'project/project-id')
            check(r.status_code == 403, 'no Metadata-Flavor -> 403', '%d %s' % (r.status_code, r.text))
            r = emu.http.get(expected_root + 'instance/service-accounts/default/token')
            check(r.status_code == 403, 'token without Metadata-Flavor -> 403', r.status_code)
            r = emu.http.get(expected_root + 'project/project-id',
                             headers={'Metadata-Flavor': 'Google', 'X-Forwarded-For': '10.0.0.1'})
            check(r.status_code == 403, 'X-Forwarded-For -> 403', r.status_code)

            check(_metadata.ping(auth_request), '_metadata.ping is true')
            creds = compute_engine.Credentials()
            creds.refresh(auth_request)
            check(creds.valid and creds.token, 'refresh() gives a token')
            check(creds.service_account_email == DEMO_SA, 'service_account_email', creds.service_account_email)
            left = (creds.expiry - datetime.datetime.utcnow()).total_seconds()
            check(3000 <= left <= 3600, 'expiry about 1 h ahead', left)
            check(_metadata.get_project_id(auth_request) == 'demo-project', 'get_project_id',
                  _metadata.get_project_id(auth_request))
            r = call_vertex(creds.token, 'demo-project')
            check(r.status_code == 200 and r.json().get('candidates'), 'metadata token -> Vertex 200', r.text[:500])

            # google.auth.default() with no key file and no gcloud file, using
            # its own http.client transport for the metadata server.
            saved = dict(os.environ)
            home = tempfile.mkdtemp(dir=tmpdir)
            try:
                for v in ('GOOGLE_APPLICATION_CREDENTIALS', 'CLOUDSDK_CONFIG', 'GOOGLE_CLOUD_PROJECT', 'GCLOUD_PROJECT'):
                    os.environ.pop(v, None)
                os.environ['HOME'] = home
                os.environ['GCE_METADATA_TIMEOUT'] = str(WAIT)
                dcreds, project = google.auth.default()
            finally:
                os.environ.clear()
                os.environ.update(saved)
            check(isinstance(dcreds, compute_engine.Credentials), 'default() -> compute_engine.Credentials', type(dcreds))
            check(project == 'demo-project', 'default() project demo-project', project)
            dcreds.refresh(auth_request)
            check(dcreds.service_account_email == DEMO_SA and dcreds.token, 'default() credentials refresh')

        # f. ------------------------------------------------------------
        def case_f():
            creds = ctx['sa_creds']
            old = creds.token
            r = call_vertex(old, 'demo-project')
            check(r.status_code == 200, 'token works before the clock moves', r.status_code)
            emu.admin('/emulator/v1/clock:advance', {'seconds': 3700})
            r = call_vertex(old, 'demo-project')
            check(r.status_code == 401, 'expired token -> 401', '%d %s' % (r.status_code, r.text[:500]))
            err, info = error_info(r)
            check(err.get('status') == 'UNAUTHENTICATED', 'status UNAUTHENTICATED', err)
            check(info.get('reason') == 'ACCESS_TOKEN_EXPIRED', 'ErrorInfo reason ACCESS_TOKEN_EXPIRED', info)
            r = emu.http.get(emu.base + '/tokeninfo', params={'access_token': old})
            check(r.status_code == 400 and r.json().get('error') == 'invalid_token', 'tokeninfo: invalid_token', r.text)

            # The library still believes the token valid (its clock is the
            # real one), so AuthorizedSession sees the 401, refreshes, retries.
            # The new JWT (iat = real now, exp = real now + 3600) reaches an
            # authorization server whose clock is 3700 s ahead: exp is 100 s
            # in its past, within the 120 s skew, so the grant succeeds.
            check(creds.valid, 'library still considers its token valid')
            session = google.auth.transport.requests.AuthorizedSession(creds, refresh_timeout=WAIT)
            SESSIONS.extend([session, session._auth_request.session])
            r = session.post(emu.vertex_url('demo-project'), json=GENERATE_BODY, timeout=WAIT)
            check(r.status_code == 200, 'AuthorizedSession refreshes on 401 and retries -> 200',
                  '%d %s' % (r.status_code, r.text[:500]))
            check(creds.token != old, 'a new token was obtained')

            # A client clock more than skew behind: the JWT is expired for the
            # server -> invalid_grant "Invalid JWT: Token must be a short-lived token".
            emu.admin('/emulator/v1/clock:advance', {'seconds': 300})
            expect_refresh_error(sa_credentials(ctx['sa_keyfile']), 'invalid_grant',
                                 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable '
                                 'timeframe. Check your iat and exp values in the JWT claim.')

        cases = [
            ('a_service_account_key_file', case_a),
            ('b_service_disabled_and_iam_denied', case_b),
            ('c_disabled_key_and_account', case_c),
            ('d_authorized_user', case_d),
            ('e_compute_engine_metadata', case_e),
            ('f_expired_token_and_clock_skew', case_f),
        ]
        for name, fn in cases:
            t0 = time.monotonic()
            try:
                fn()
                results.append((name, True))
                print('PASS %s (%.2f s)' % (name, time.monotonic() - t0), flush=True)
            except Exception as e:  # noqa: BLE001  (report every failure, go on)
                results.append((name, False))
                print('FAIL %s: %s' % (name, e), flush=True)
                if not isinstance(e, Failure):
                    traceback.print_exc()
    except Exception as e:  # setup failure
        print('FAIL setup: %s' % e, flush=True)
        traceback.print_exc()
        results.append(('setup', False))
    finally:
        signal.alarm(0)
        if emu is not None:
            emu.stop()
            if not all(ok for _, ok in results):
                print('--- emulator stderr (tail) ---\n' + emu.stderr_tail(), file=sys.stderr)
            emu.log.close()
            print('emulator stopped in %.2f s' % emu.stop_seconds)
        shutil.rmtree(tmpdir, ignore_errors=True)
    passed = sum(1 for _, ok in results if ok)
    print('%d/%d passed in %.1f s' % (passed, len(results), time.monotonic() - started))
    return 0 if results and passed == len(results) else 1


if __name__ == '__main__':
    sys.exit(main())
