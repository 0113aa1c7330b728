// IssueSync console: refreshes the page's live sections ([data-live]) every few seconds, unless the operator is using
// them (focus inside, a box ticked, text typed). Everything works without it; it only saves pressing reload.
(() => {
  "use strict";
  const interval = 5000;
  const sections = () => Array.from(document.querySelectorAll("[data-live][id]"));
  if (sections().length === 0) {
    return;
  }

  const inUse = (section) =>
    section.contains(document.activeElement) ||
    Array.from(section.querySelectorAll("input[type=checkbox]")).some((box) => box.checked) ||
    Array.from(section.querySelectorAll("input[type=text], textarea")).some((field) => field.value !== field.defaultValue);

  async function refresh() {
    if (document.hidden) {
      return;
    }

    let response;
    try {
      response = await fetch(window.location.href, { credentials: "same-origin", headers: { "X-IssueSync-Refresh": "1" } });
    } catch {
      return;
    }

    if (!response.ok || response.redirected) {
      return;
    }

    const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
    for (const section of sections()) {
      const replacement = fresh.getElementById(section.id);
      if (replacement && !inUse(section)) {
        section.replaceWith(document.importNode(replacement, true));
      }
    }

    document.body.dataset.refreshedAt = new Date().toISOString();
  }

  window.setInterval(refresh, interval);
})();
