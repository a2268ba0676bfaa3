// "Reply on Mastodon" through the reader's own server: a Mastodon status can only be answered
// from the account's own server, so the link asks that server once (remembered in this
// browser) and opens its authorize_interaction page for the status. Without a server, or
// without JavaScript, the link opens the status where it was written.
(function () {
  "use strict";
  var key = "confab.mastodon.server";

  function stored() {
    try {
      return window.localStorage.getItem(key) || "";
    } catch (error) {
      return "";  // storage refused (private mode): ask each time
    }
  }

  function remember(server) {
    try {
      window.localStorage.setItem(key, server);
    } catch (error) {
      // nothing to do: the reply still goes through
    }
  }

  // "mastodon.social", "@me@mastodon.social" or "https://mastodon.social/" -> its origin.
  function origin_of(answer) {
    var text = String(answer || "").trim();
    if (text === "") return "";
    var at = text.lastIndexOf("@");
    if (at > 0 && text.indexOf("/") < 0) text = text.slice(at + 1);
    if (!/^https?:\/\//i.test(text)) text = "https://" + text.replace(/^@/, "");
    try {
      var url = new URL(text);
      return url.protocol === "https:" || url.protocol === "http:" ? url.origin : "";
    } catch (error) {
      return "";
    }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-reply-server]") : null;
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey ||
        event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    var server = stored();
    if (!server) {
      server = origin_of(window.prompt(link.getAttribute("data-prompt") || "", ""));
      if (!server) return;  // no answer: follow the link to the status itself
      remember(server);
    }
    event.preventDefault();
    window.location.href =
        server + "/authorize_interaction?uri=" + encodeURIComponent(link.href);
  });
})();
