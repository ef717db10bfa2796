"""A real OpenID Connect provider for the tests and the walkthrough: the province's 统一身份认证 stand-in.

The protocol is pyop's (PyPI: pyop, on pyoidc and pyjwkest): discovery, authorization code flow with PKCE,
client authentication at the token endpoint, ID tokens signed RS256 or ES256, RP-initiated logout. This file is
only the HTTP server around it, a login page, and a way for a test to ask for a bad answer:

  POST /control {"tamper": MODE}   the next token response's ID token is altered and signed again:
                                   aud | iss | nonce | expired | future | second_key (same kid, another key)
  POST /control {"rotate": true}   a new signing key with a new kid, published beside the old one

Started as `python oidc_provider.py --log FILE --dir DIR [options]`. It serves HTTPS (pyop accepts only an https
issuer) with a certificate for 127.0.0.1 from a certificate authority of its own made in DIR with openssl, and
prints `READY PORT CA-FILE` when it listens; the platform trusts that CA through ZHENGTONG_OIDC_CA_FILE.
Every token request and logout is written to --log as one JSON line.
"""

import argparse
import base64
import html
import json
import os
import ssl
import subprocess
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

from Cryptodome.PublicKey import RSA
from jwkest.ecc import P256
from jwkest.jwk import ECKey, RSAKey
from jwkest.jws import JWS
from oic.oic.message import EndSessionRequest
from pyop.authz_state import AuthorizationState
from pyop.exceptions import InvalidAuthenticationRequest, OAuthError
from pyop.provider import Provider
from pyop.subject_identifier import HashBasedSubjectIdentifierFactory
from pyop.userinfo import Userinfo


def make_certificates(directory):
    os.makedirs(directory, exist_ok=True)
    ca_key, ca_cert = os.path.join(directory, "ca.key"), os.path.join(directory, "ca.pem")
    key, request, cert = (os.path.join(directory, name) for name in ("op.key", "op.csr", "op.pem"))
    if not os.path.exists(cert):
        def openssl(*arguments):
            subprocess.run(("openssl",) + arguments, check=True, capture_output=True)
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", ca_key, "-out", ca_cert, "-days", "2",
                "-subj", "/CN=Test Identity Platform CA")
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", request, "-subj", "/CN=127.0.0.1")
        extensions = os.path.join(directory, "op.ext")
        with open(extensions, "w") as handle:
            handle.write("subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n")
        openssl("x509", "-req", "-in", request, "-CA", ca_cert, "-CAkey", ca_key, "-CAcreateserial", "-out", cert,
                "-days", "2", "-extfile", extensions)
    return ca_cert, cert, key


def new_key(alg):
    kid = "k-" + uuid.uuid4().hex[:8]
    if alg == "ES256":
        return ECKey(key=P256, kid=kid, use="sig", alg="ES256")
    return RSAKey(key=RSA.generate(2048), kid=kid, use="sig", alg=alg)


def b64url_json(segment):
    return json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))


class State:
    def __init__(self, args, port):
        self.args = args
        self.issuer = "https://127.0.0.1:%d" % port
        self.lock = threading.Lock()
        self.keys = [new_key(args.alg)]
        self.tamper = None
        self.log_lock = threading.Lock()
        users = {}
        for spec in args.user:
            # NAME or NAME:claim=value,claim=value
            name, _, rest = spec.partition(":")
            claims = {"sub": "sub-" + name, "preferred_username": name, "name": name,
                      "email": name + "@example.gov.cn", "email_verified": True}
            for pair in filter(None, rest.split(",")):
                key, _, value = pair.partition("=")
                claims[key] = {"true": True, "false": False}.get(value, value)
            users[name] = claims
        self.users = users
        client = {
            "redirect_uris": args.redirect_uri,
            "response_types": ["code"],
            "post_logout_redirect_uris": args.post_logout_uri,
            "token_endpoint_auth_method": args.token_auth,
            "id_token_signed_response_alg": args.alg,
        }
        if args.client_secret:
            client["client_secret"] = args.client_secret
        self.clients = {args.client_id: client}
        self.build_provider()

    def build_provider(self):
        configuration = {
            "issuer": self.issuer,
            "authorization_endpoint": self.issuer + "/authorize",
            "token_endpoint": self.issuer + "/token",
            "jwks_uri": self.issuer + "/jwks",
            "end_session_endpoint": self.issuer + "/logout",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": [self.args.alg],
            "token_endpoint_auth_methods_supported": [self.args.token_auth],
            "scopes_supported": ["openid", "profile", "email", "phone"],
            "code_challenge_methods_supported": ["S256"],
        }
        old = getattr(self, "provider", None)
        self.provider = Provider(self.keys[-1], configuration,
                                 old.authz_state if old else AuthorizationState(HashBasedSubjectIdentifierFactory("zt-test-salt")),
                                 self.clients, Userinfo(self.users))

    def log(self, record):
        with self.log_lock, open(self.args.log, "a", encoding="utf-8") as f:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")

    def profile_claims(self, user_id, client_id):
        # What the ID token says about the person besides sub (pyop puts only requested claims there otherwise).
        return {k: v for k, v in self.users[user_id].items() if k != "sub"}

    def altered(self, id_token, mode):
        header = b64url_json(id_token.split(".")[0])
        claims = b64url_json(id_token.split(".")[1])
        key = self.keys[-1]
        now = int(time.time())
        if mode == "aud":
            claims["aud"] = ["someone-else"]
        elif mode == "iss":
            claims["iss"] = self.issuer + "/other-realm"
        elif mode == "nonce":
            claims["nonce"] = "forged-" + uuid.uuid4().hex
        elif mode == "expired":
            claims["iat"], claims["exp"] = now - 7200, now - 3600
        elif mode == "future":
            claims["iat"] = now + 3600
        elif mode == "second_key":
            key = new_key(self.args.alg)
            key.kid = self.keys[-1].kid
        return JWS(json.dumps(claims), alg=header["alg"]).sign_compact(keys=[key])


class Handler(BaseHTTPRequestHandler):
    state = None

    def log_message(self, *args):
        pass

    def send(self, status, body, content_type="application/json", headers=()):
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type + "; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def redirect(self, location):
        if "application/json" in self.headers.get("Accept", ""):
            self.send(200, json.dumps({"location": location}))
        else:
            self.send(302, "", "text/plain", [("Location", location)])

    def body(self):
        return self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8")

    def do_GET(self):
        url = urlparse(self.path)
        state = self.state
        if url.path == "/.well-known/openid-configuration":
            self.send(200, state.provider.provider_configuration.to_json())
        elif url.path == "/jwks":
            with state.lock:
                keys = [key.serialize() for key in state.keys]
            self.send(200, json.dumps({"keys": keys}))
        elif url.path == "/authorize":
            try:
                state.provider.parse_authentication_request(url.query)
            except (InvalidAuthenticationRequest, OAuthError, ValueError) as error:
                self.send(400, "<!doctype html><p>请求无效：%s</p>" % html.escape(str(error)), "text/html")
                return
            self.login_page(url.query, "")
        elif url.path == "/logout":
            self.logout(url.query)
        else:
            self.send(404, "{}")

    def login_page(self, query, error):
        page = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>统一身份认证平台</title>
<style>body{font-family:sans-serif;background:#eef3f8;margin:0}main{max-width:360px;margin:48px auto;background:#fff;
padding:24px;border-radius:6px;box-shadow:0 1px 4px #0002}h1{font-size:20px;color:#174a7c}label{display:block;margin:12px 0 4px}
input{width:100%%;box-sizing:border-box;padding:8px;font-size:16px}button{margin-top:16px;width:100%%;padding:10px;font-size:16px;
background:#174a7c;color:#fff;border:0;border-radius:4px}.err{color:#b00}.cancel{background:#888}</style></head><body><main>
<h1>某省统一身份认证平台（测试）</h1><p>登录后将返回：政通协同办公平台</p>%s
<form method="post" action="/authorize"><input type="hidden" name="request" value="%s">
<label for="username">用户名</label><input id="username" name="username" autocomplete="username">
<label for="password">密码</label><input id="password" name="password" type="password">
<button type="submit" name="action" value="login">登录</button>
<button type="submit" name="action" value="cancel" class="cancel">取消</button></form></main></body></html>"""
        self.send(200, page % ('<p class="err">%s</p>' % html.escape(error) if error else "", html.escape(query)), "text/html")

    def do_POST(self):
        url = urlparse(self.path)
        state = self.state
        if url.path == "/authorize":
            form = {k: v[0] for k, v in parse_qs(self.body()).items()}
            query = form.get("request", "")
            try:
                request = state.provider.parse_authentication_request(query)
            except (InvalidAuthenticationRequest, OAuthError, ValueError) as error:
                self.send(400, json.dumps({"error": str(error)}))
                return
            if form.get("action") == "cancel":
                params = {"error": "access_denied"}
                if "state" in request:
                    params["state"] = request["state"]
                self.redirect(request["redirect_uri"] + "?" + urlencode(params))
                return
            name = form.get("username", "")
            if name not in state.users or form.get("password") != state.args.password:
                self.login_page(query, "用户名或密码错误")
                return
            response = state.provider.authorize(request, name)
            self.redirect(response.request(request["redirect_uri"]))
        elif url.path == "/token":
            body = self.body()
            try:
                # pyop reads "Authorization" by that spelling; HTTP header names are case-insensitive.
                headers = {"Authorization": self.headers.get("Authorization")} if self.headers.get("Authorization") else {}
                response = state.provider.handle_token_request(body, headers,
                                                               extra_id_token_claims=state.profile_claims)
            except OAuthError as error:
                state.log({"event": "token", "ok": False, "error": str(error)})
                self.send(400, json.dumps({"error": getattr(error, "oauth_error", "invalid_request"), "error_description": str(error)}))
                return
            result = response.to_dict()
            with state.lock:
                mode, state.tamper = state.tamper, None
            if mode:
                result["id_token"] = state.altered(result["id_token"], mode)
            state.log({"event": "token", "ok": True, "tamper": mode,
                       "authorization": (self.headers.get("Authorization") or "").split(" ")[0],
                       "body_has_secret": "client_secret=" in body})
            self.send(200, json.dumps(result))
        elif url.path == "/control":
            command = json.loads(self.body() or "{}")
            with state.lock:
                if "tamper" in command:
                    state.tamper = command["tamper"]
                if command.get("rotate"):
                    state.keys.append(new_key(state.args.alg))
                    state.build_provider()
            self.send(200, json.dumps({"ok": True, "kid": state.keys[-1].kid}))
        else:
            self.send(404, "{}")

    def logout(self, query):
        state = self.state
        request = EndSessionRequest().deserialize(query, "urlencoded")
        hint_ok = False
        if "id_token_hint" in request:
            # The hint must be one of our own ID tokens (any key we published).
            for key in state.keys:
                try:
                    JWS().verify_compact(request["id_token_hint"], keys=[key])
                    hint_ok = True
                    break
                except Exception:
                    continue
        location = None
        if hint_ok:
            try:
                state.provider.logout_user(end_session_request=request)
            except Exception:
                pass
            location = state.provider.do_post_logout_redirect(request)
        state.log({"event": "logout", "id_token_hint_valid": hint_ok,
                   "post_logout_redirect_uri": request.get("post_logout_redirect_uri"), "redirected": bool(location)})
        if location:
            self.redirect(location)
        else:
            self.send(200, "<!doctype html><p>您已退出统一身份认证平台。</p>", "text/html")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--log", required=True)
    parser.add_argument("--dir", required=True, help="where the certificate authority and certificate are made")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--client-id", default="zhengtong")
    parser.add_argument("--client-secret", default="")
    parser.add_argument("--token-auth", default="client_secret_basic",
                        choices=["client_secret_basic", "client_secret_post", "none"])
    parser.add_argument("--alg", default="RS256", choices=["RS256", "RS384", "RS512", "ES256"])
    parser.add_argument("--redirect-uri", action="append", default=[])
    parser.add_argument("--post-logout-uri", action="append", default=[])
    parser.add_argument("--user", action="append", default=[], help="NAME or NAME:claim=value,...")
    parser.add_argument("--password", default="provider-pass")
    args = parser.parse_args()
    ca_cert, cert, key = make_certificates(args.dir)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    Handler.state = State(args, server.server_address[1])
    print("READY %d %s" % (server.server_address[1], ca_cert), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
