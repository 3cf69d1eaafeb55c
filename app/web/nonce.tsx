import { createContext, useContext } from "react";

/**
 * The request's CSP nonce, provided by entry.server while rendering; the document's scripts carry
 * it. In the browser it is empty: the scripts have run by then, and browsers hide the attribute.
 */
export const NonceContext = createContext<string | undefined>(undefined);
export const useNonce = () => useContext(NonceContext);
