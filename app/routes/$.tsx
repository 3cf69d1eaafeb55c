import { data } from "@remix-run/node";
import { ErrorPage } from "~/components/ui/error-page";

// Any address no other route claims.
export const loader = () => {
  throw data(null, { status: 404 });
};

export default function NotFound() {
  return <ErrorPage status={404} />;
}
