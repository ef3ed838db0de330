// Builds DOM with text nodes only: record data never reaches an HTML parser.

export type Child = Node | string | null | undefined | false;

export interface Props {
  className?: string;
  text?: string;
  title?: string;
  attrs?: Record<string, string>;
}

const SAFE_ATTRIBUTE = /^(aria-[a-z]+|role|colspan|rowspan|scope|lang|data-[a-z-]+|id|for|type|tabindex)$/;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props) {
    if (props.className) {
      node.className = props.className;
    }
    if (props.title) {
      node.title = props.title;
    }
    if (props.attrs) {
      for (const name of Object.keys(props.attrs)) {
        if (!SAFE_ATTRIBUTE.test(name)) {
          throw new Error(`attribute not allowed: ${name}`);
        }
        node.setAttribute(name, props.attrs[name]);
      }
    }
    if (props.text !== undefined) {
      node.textContent = props.text;
    }
  }
  append(node, ...children);
  return node;
}

export function append(target: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    target.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
}

export function clear(node: Node): void {
  while (node.firstChild) {
    node.removeChild(node.firstChild);
  }
}

/** Multi-line text as paragraphs (blank lines separate them, single line breaks kept as <br>). */
export function paragraphs(text: string, className?: string): HTMLElement {
  const box = el("div", { className: className || "prose" });
  const blocks = text.replace(/\r\n?/g, "\n").split(/\n{2,}/);
  for (const block of blocks) {
    if (block.trim() === "") {
      continue;
    }
    const p = el("p");
    block.split("\n").forEach((line, index) => {
      if (index > 0) {
        p.appendChild(document.createElement("br"));
      }
      p.appendChild(document.createTextNode(line));
    });
    box.appendChild(p);
  }
  return box;
}

/** Replaces the content of a panel's root with one status line (empty state, error). */
export function showMessage(root: HTMLElement, text: string, className: string): void {
  clear(root);
  root.appendChild(el("p", { className, text, attrs: { role: "status" } }));
}

/**
 * One load of a panel: marks the root busy, shows the loaded value unless a newer load started meanwhile
 * (isCurrent), shows failedText when loading fails, and always ends with the root marked ready with the
 * load's number (what the browser tests wait for).
 */
export async function loadPanel<T>(
  root: HTMLElement,
  load: number,
  isCurrent: () => boolean,
  fetchValue: () => Promise<T>,
  show: (value: T) => void,
  failedText: string,
): Promise<void> {
  root.setAttribute("aria-busy", "true");
  try {
    const value = await fetchValue();
    if (isCurrent()) {
      show(value);
    }
  } catch {
    if (isCurrent()) {
      showMessage(root, failedText, "error");
    }
  } finally {
    root.removeAttribute("aria-busy");
    root.setAttribute("data-ready", String(load));
  }
}
