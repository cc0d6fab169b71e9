import { Link, type LinkProps } from 'react-router';

/** An inline link in the brand colour. */
export function TextLink({ className = '', ...rest }: LinkProps) {
  return <Link className={`text-brand-300 underline-offset-4 hover:underline ${className}`} {...rest} />;
}
