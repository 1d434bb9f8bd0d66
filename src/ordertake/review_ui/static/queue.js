// Queue page: upload as soon as a file is chosen; Enter or "o" opens the newest draft.
"use strict";
document.querySelectorAll("input[data-autosubmit]").forEach((input) => {
  input.addEventListener("change", () => { if (input.files.length) input.form.submit(); });
});
const first = document.getElementById("first-order");
if (first && !document.querySelector(".filters input:focus")) first.focus();
