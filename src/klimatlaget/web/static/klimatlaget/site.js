// Progressive enhancement only: every page works without this file.
// Filter forms marked data-autosubmit submit themselves when a choice changes.
document.addEventListener("change", (event) => {
  const form = event.target.closest("form[data-autosubmit]");
  if (form) form.requestSubmit();
});

// The home page's search box jumps to the chosen municipality.
document.addEventListener("change", (event) => {
  if (event.target.id !== "find-input") return;
  const option = [...document.querySelectorAll("#municipality-names option")].find(
    (o) => o.value === event.target.value,
  );
  if (option) window.location.href = `/o/${option.dataset.code}/`;
});
