import { createContext, useContext } from "react";

// The CSP nonce of the current response (empty on the client, where browsers hide it anyway).
const NonceContext = createContext<string>("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
