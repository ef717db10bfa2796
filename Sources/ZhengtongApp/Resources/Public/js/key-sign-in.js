// USB key sign-in (method B): ask the server for a challenge, have the key vendor's local signing service sign it,
// post the certificate and signature back with the login form. The signing service's origin is the only other
// place the page's CSP lets it connect to.
(function () {
  "use strict";
  var form = document.getElementById("key-sign-in");
  if (!form) return;
  var working = form.querySelector("[data-working]");
  var failed = form.querySelector("[data-error]");
  var field = function (name) { return form.querySelector("input[name='" + name + "']"); };

  form.addEventListener("submit", function (event) {
    if (form.dataset.signed === "1") return;
    event.preventDefault();
    working.hidden = false;
    failed.hidden = true;
    var body = new URLSearchParams();
    body.set("_csrf", field("_csrf").value);
    fetch(form.dataset.challenge, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("challenge " + response.status);
        return response.json();
      })
      .then(function (challenge) {
        field("nonce").value = challenge.nonce;
        return fetch(form.dataset.signer, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ challenge: challenge.challenge }),
          credentials: "omit"
        });
      })
      .then(function (response) {
        if (!response.ok) throw new Error("signer " + response.status);
        return response.json();
      })
      .then(function (signed) {
        field("certificate").value = signed.certificate || "";
        field("signature").value = signed.signature || "";
        form.dataset.signed = "1";
        form.submit();
      })
      .catch(function () {
        working.hidden = true;
        failed.hidden = false;
      });
  });
})();
