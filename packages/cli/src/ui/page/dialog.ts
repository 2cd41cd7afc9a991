import { type Child, h } from "./dom.js";

/**
 * Asks for a confirmation in a modal `<dialog>` naming what will change; resolves `true` only on the confirm
 * button. Cancel has the focus, so Enter alone never changes anything.
 */
export function confirmDialog(title: string, body: Child[], confirmLabel: string): Promise<boolean> {
  return new Promise((resolve) => {
    const cancel = h("button", { type: "button", class: "secondary" }, "Cancel");
    const confirm = h("button", { type: "button", class: "danger", "data-confirm": true }, confirmLabel);
    const heading = h("h2", { id: "dialog-title" }, title);
    const dialog = h(
      "dialog",
      { "aria-labelledby": "dialog-title" },
      heading,
      h("div", { class: "dialog-body" }, ...body),
      h("p", { class: "actions" }, cancel, confirm),
    );
    const close = (answer: boolean) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    cancel.addEventListener("click", () => close(false));
    confirm.addEventListener("click", () => close(true));
    // Escape closes the dialog: that is a cancel.
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      close(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}

/** Whether a confirmation is open (the interval refresh waits then, so nothing moves under the reader). */
export function dialogOpen(): boolean {
  return document.querySelector("dialog[open]") !== null;
}
