import type { ReactNode } from "react";
import { Heading, Paragraph } from "@digdir/designsystemet-react";

/** The main landmark of a page, the skip link's target, with its h1 and an optional lead text. */
export function Page({ title, lead, actions, children }: { title: string; lead?: ReactNode; actions?: ReactNode; children: ReactNode }) {
  return (
    <main id="main" tabIndex={-1} className="page skip-link-target">
      <div className="stack">
        <div className="stack-sm">
          <Heading level={1} data-size="lg">
            {title}
          </Heading>
          {lead ? <Paragraph>{lead}</Paragraph> : null}
          {actions ? <div className="row">{actions}</div> : null}
        </div>
        {children}
      </div>
    </main>
  );
}
