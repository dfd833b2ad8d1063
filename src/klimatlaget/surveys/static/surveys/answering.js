// The survey questionnaire, enhanced: conditional questions, table rows, autosave and files.
// Without this file the page still works: the whole form is posted with "Save draft"/"Submit".
// Unsaved changes are kept in localStorage (keyed by survey and member) and sent again when the
// connection comes back, or restored into the form when the page is opened again.
// Every save names the version of the response the page is based on: an answer somebody else
// changed since is not overwritten; the page says so beside it and sends it no more until reloaded.
(() => {
  "use strict";
  const form = document.getElementById("survey-form");
  if (!form) return;
  const texts = form.dataset;
  const statusLine = document.getElementById("save-status");
  const storageKey = form.dataset.storageKey;
  const DELAY = 800;
  const RETRY = 5000;
  // The version posted by the whole form and by "Confirm all pre-filled answers".
  const versionInputs = document.querySelectorAll("input[data-response-version]");
  let version = Number(form.dataset.version || 0);
  let pending = {}; // question key -> raw answer not yet saved
  let invalid = {}; // question key -> raw answer the server could not read
  const elsewhere = new Set(); // questions changed by somebody else since the page was opened
  let timer = null;
  let retryTimer = null;
  let saving = false;

  const boxes = () => [...form.querySelectorAll("[data-question]")];
  const boxOf = (key) => form.querySelector(`[data-question="${CSS.escape(key)}"]`);
  const csrf = () => form.querySelector("[name=csrfmiddlewaretoken]").value;

  // Reading and writing a question's answer --------------------------------------------------

  function valueOf(box) {
    const kind = box.dataset.kind;
    const name = box.dataset.name;
    if (kind === "multiple_choice") {
      return [...box.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value);
    }
    if (kind === "yes_no" || kind === "single_choice") {
      const checked = box.querySelector(`input[name="${name}"]:checked`);
      return checked ? checked.value : "";
    }
    if (kind === "table") {
      return [...box.querySelectorAll("tbody tr")].map((tr) => {
        const row = {};
        tr.querySelectorAll("[data-column]").forEach((cell) => {
          row[cell.dataset.column] = cell.value;
        });
        return row;
      });
    }
    const input = box.querySelector(`[name="${name}"]`);
    return input ? input.value : "";
  }

  function setValue(box, value) {
    const kind = box.dataset.kind;
    const name = box.dataset.name;
    if (kind === "multiple_choice" || kind === "yes_no" || kind === "single_choice") {
      const chosen = Array.isArray(value) ? value : [value];
      box.querySelectorAll(`input[name="${name}"]`).forEach((input) => {
        input.checked = chosen.includes(input.value);
      });
    } else if (kind === "table") {
      const body = box.querySelector("tbody");
      body.replaceChildren();
      [...value, {}].forEach((row) => {
        const tr = addRow(box);
        tr.querySelectorAll("[data-column]").forEach((cell) => {
          cell.value = row[cell.dataset.column] ?? "";
        });
      });
    } else if (kind !== "file") {
      const input = box.querySelector(`[name="${name}"]`);
      if (input) input.value = value;
    }
  }

  // Conditions ---------------------------------------------------------------------------------

  function answerOf(key) {
    const box = boxOf(key);
    if (!box || box.hidden) return null;
    const value = valueOf(box);
    if (box.dataset.kind === "yes_no") return value === "yes" ? true : value === "no" ? false : null;
    if (Array.isArray(value)) return value;
    return value === "" ? null : value;
  }

  function applyConditions() {
    // Questions depend on earlier ones only, so one pass in page order settles them all.
    boxes().forEach((box) => {
      const parent = box.dataset.conditionQuestion;
      if (!parent) return;
      const wanted = JSON.parse(box.dataset.conditionValue);
      const answer = answerOf(parent);
      const shown = Array.isArray(answer)
        ? answer.includes(wanted)
        : answer !== null && String(answer) === String(wanted);
      box.hidden = !shown;
    });
  }

  // Table rows ---------------------------------------------------------------------------------

  function addRow(box) {
    const template = box.querySelector("template.row-template");
    const body = box.querySelector("tbody");
    const index = Number(box.dataset.nextRow || body.rows.length) + 1;
    box.dataset.nextRow = String(index);
    const html = template.innerHTML
      .replaceAll("__ROW__", String(index + 1000))
      .replaceAll("__NUMBER__", String(body.rows.length + 1));
    body.insertAdjacentHTML("beforeend", html);
    limitRows(box);
    return body.lastElementChild;
  }

  function limitRows(box) {
    const add = box.querySelector(".add-row");
    const max = Number(box.querySelector("table").dataset.maxRows);
    if (add) add.disabled = box.querySelectorAll("tbody tr").length >= max;
  }

  // Saving -------------------------------------------------------------------------------------

  function say(text, trouble = false) {
    statusLine.textContent = text;
    statusLine.classList.toggle("trouble", trouble);
  }

  function clock() {
    return new Date().toLocaleTimeString(document.documentElement.lang || undefined, {
      hour: "2-digit",
      minute: "2-digit",
    });
  }

  function remember() {
    const answers = { ...invalid, ...pending };
    elsewhere.forEach((key) => delete answers[key]); // never restored over the newer answer
    if (Object.keys(answers).length === 0) {
      localStorage.removeItem(storageKey);
      return;
    }
    localStorage.setItem(storageKey, JSON.stringify({ version, answers, at: Date.now() }));
  }

  function changed(box) {
    if (box.dataset.kind === "file" || elsewhere.has(box.dataset.question)) return;
    pending[box.dataset.question] = valueOf(box);
    remember();
    say(texts.textSaving);
    clearTimeout(timer);
    timer = setTimeout(save, DELAY);
  }

  function showProblems(sent, problems) {
    Object.keys(sent).forEach((key) => {
      const message = problems[key] || "";
      const box = boxOf(key);
      const place = box && box.querySelector(`[data-problem-for="${CSS.escape(key)}"]`);
      if (place) place.textContent = message;
      if (box) box.classList.toggle("has-problem", Boolean(message));
      if (message) invalid[key] = sent[key];
      else delete invalid[key];
    });
  }

  function showProgress(progress) {
    if (!progress) return;
    document.querySelectorAll("[data-progress]").forEach((span) => {
      span.textContent = progress[span.dataset.progress];
    });
  }

  // The version the page's answers are based on. The forms' posts carry it too, but only while
  // no answer on the page is stale: then the server refuses to overwrite those answers, and to
  // confirm or submit what the page does not show.
  function setVersion(newer) {
    version = newer;
    if (elsewhere.size === 0) versionInputs.forEach((input) => (input.value = String(newer)));
  }

  // Answers somebody else changed: shown beside each question with the answer now stored, and
  // not sent again (the version the page takes next includes them).
  function markElsewhere(changes) {
    Object.entries(changes || {}).forEach(([key, value]) => {
      const box = boxOf(key);
      if (!box) return;
      elsewhere.add(key);
      delete pending[key];
      delete invalid[key];
      const place = box.querySelector(`[data-problem-for="${CSS.escape(key)}"]`);
      if (place) place.textContent = `${texts.textElsewhere} ${JSON.stringify(value)}`;
      box.classList.add("has-problem");
    });
  }

  function retryLater(delay = RETRY) {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(save, delay);
  }

  // The seconds a busy server asks us to wait (Retry-After: seconds or an HTTP date), or null.
  function retryAfter(reply) {
    const header = (reply.headers.get("Retry-After") || "").trim();
    if (!header) return null;
    const seconds = /^\d+$/.test(header) ? Number(header) : (Date.parse(header) - Date.now()) / 1000;
    return Number.isFinite(seconds) ? Math.max(0, Math.ceil(seconds)) : null;
  }

  // Nothing was saved: the answers are kept (here and in localStorage) and sent again later, after
  // the wait a busy server (503) asks for, or after our own delay for any other failure.
  function saveLater(sent, reply = null) {
    pending = { ...sent, ...pending };
    remember();
    const wait = reply && reply.status === 503 ? retryAfter(reply) : null;
    if (wait === null) {
      say(texts.textUnsaved, true);
      retryLater();
    } else {
      say(texts.textBusy.replace("%(seconds)s", String(wait)));
      retryLater(wait * 1000);
    }
  }

  async function post(body, headers = {}) {
    const reply = await fetch(form.dataset.draftUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf(), ...headers },
      body,
    });
    const answer = await reply.json().catch(() => ({}));
    return { reply, answer };
  }

  async function save() {
    clearTimeout(timer);
    if (saving) {
      timer = setTimeout(save, DELAY);
      return;
    }
    const sent = pending;
    const keys = Object.keys(sent);
    if (keys.length === 0) return;
    pending = {};
    saving = true;
    try {
      const { reply, answer } = await post(JSON.stringify({ answers: sent, version }));
      if (reply.status >= 500) {
        saveLater(sent, reply);
        return;
      }
      if (reply.status === 409) {
        // Nothing was saved: the answers changed elsewhere are dropped, the others sent again.
        pending = { ...sent, ...pending };
        markElsewhere(answer.changed);
        remember();
        say(texts.textConflict, true);
        timer = setTimeout(save, DELAY);
        return;
      }
      if (!reply.ok) {
        // Refused (the response was submitted elsewhere, or the session ended): not retried.
        say(`${texts.textRefused} ${answer.detail || reply.status}`, true);
        return;
      }
      showProblems(sent, answer.problems);
      Object.keys(answer.saved).forEach((key) => {
        document.querySelectorAll(`[data-prefilled-for="${CSS.escape(key)}"]`).forEach((m) => m.remove());
      });
      markElsewhere(answer.elsewhere);
      setVersion(answer.version);
      showProgress(answer.progress);
      remember();
      if (elsewhere.size) say(texts.textConflict, true);
      else say(`${texts.textSaved} ${clock()}`);
    } catch {
      saveLater(sent); // offline, or the reply was cut off
    } finally {
      saving = false;
    }
  }

  async function upload(box, input) {
    const file = input.files[0];
    if (!file) return;
    while (saving) await new Promise((done) => setTimeout(done, 100)); // one write at a time
    saving = true;
    const data = new FormData();
    data.append("file", file);
    data.append("version", String(version));
    say(texts.textUploading);
    const place = box.querySelector("[data-problem-for]");
    try {
      const reply = await fetch(box.dataset.uploadUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrf() },
        body: data,
      });
      const answer = await reply.json().catch(() => ({}));
      if (!reply.ok) {
        place.textContent = answer.detail || String(reply.status);
        say(`${texts.textRefused} ${place.textContent}`, true);
        return;
      }
      place.textContent = "";
      const link = document.createElement("a");
      link.href = answer.file.url;
      link.textContent = answer.file.name;
      box.querySelector(".current-file").replaceChildren(link);
      input.value = "";
      setVersion(answer.version);
      showProgress(answer.progress);
      say(`${texts.textSaved} ${clock()}`);
    } catch {
      say(texts.textUnsaved, true);
    } finally {
      saving = false;
    }
  }

  // Wiring -------------------------------------------------------------------------------------

  function onEdit(event) {
    const box = event.target.closest("[data-question]");
    if (!box || event.target.type === "file") return;
    applyConditions();
    changed(box);
  }

  form.addEventListener("input", onEdit);
  form.addEventListener("change", (event) => {
    if (event.target.type === "file") {
      upload(event.target.closest("[data-question]"), event.target);
    } else {
      onEdit(event);
    }
  });
  form.addEventListener("click", (event) => {
    const box = event.target.closest("[data-question]");
    if (event.target.closest(".add-row")) {
      addRow(box).querySelector("[data-column]").focus();
    } else if (event.target.closest(".remove-row")) {
      event.target.closest("tr").remove();
      limitRows(box);
      changed(box);
    }
  });
  form.addEventListener("submit", (event) => {
    if (form.dataset.submitting) {
      event.preventDefault(); // a second click while the first is on its way
      return;
    }
    if (saving) {
      // A save is on its way: the form must carry the version it brings back.
      event.preventDefault();
      const again = event.submitter;
      setTimeout(() => form.requestSubmit(again), 100);
      return;
    }
    clearTimeout(timer); // the whole form is sent now
    form.dataset.submitting = "1";
    const button = event.submitter;
    // Disabled after the form data is taken, so the button's action is still sent.
    setTimeout(() => {
      if (button) button.disabled = true;
    }, 0);
  });
  window.addEventListener("online", save);

  form.querySelectorAll(".add-row, .remove-row").forEach((button) => {
    button.hidden = false;
  });
  form.querySelectorAll("[data-kind=table]").forEach(limitRows);

  // Changes that never reached the server are restored, unless the server has newer answers.
  const stored = JSON.parse(localStorage.getItem(storageKey) || "null");
  if (stored && stored.version >= version && stored.answers) {
    Object.entries(stored.answers).forEach(([key, value]) => {
      const box = boxOf(key);
      if (box) {
        setValue(box, value);
        pending[key] = value;
      }
    });
    save();
  } else {
    localStorage.removeItem(storageKey);
  }
  applyConditions();
})();
